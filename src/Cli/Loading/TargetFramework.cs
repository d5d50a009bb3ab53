using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;

namespace HttpClientGuard.Cli.Loading;

/// <summary>
/// A target framework moniker as a project file writes it (<c>net452</c>, <c>netstandard2.0</c>, <c>net8.0-windows</c>),
/// with what the SDK derives from it. The SDK's own values come from MSBuild evaluation when it works; these are
/// used where it does not (a project file MSBuild cannot evaluate is read as plain XML).
/// </summary>
public sealed record TargetFramework(string Moniker, string Identifier, Version Version, string? Platform)
{
    public const string NetFramework = ".NETFramework";
    public const string NetStandard = ".NETStandard";
    public const string NetCoreApp = ".NETCoreApp";

    // The versions the SDK writes "_OR_GREATER" symbols for (Microsoft.NET.SupportedTargetFrameworks.props).
    private static readonly string[] s_frameworkVersions = { "2.0", "3.0", "3.5", "4.0", "4.5", "4.5.1", "4.5.2", "4.6", "4.6.1", "4.6.2", "4.7", "4.7.1", "4.7.2", "4.8", "4.8.1" };
    private static readonly string[] s_standardVersions = { "1.0", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "2.0", "2.1" };
    private static readonly string[] s_coreVersions = { "1.0", "1.1", "2.0", "2.1", "2.2", "3.0", "3.1" };

    /// <summary>Every .NET Framework version a reference-assembly package exists for, oldest first.</summary>
    public static IReadOnlyList<string> FrameworkVersions => s_frameworkVersions;

    /// <summary>The moniker without a platform (<c>net8.0-windows</c> → <c>net8.0</c>), as reference packs name their folders.</summary>
    public string PlatformNeutralMoniker => Platform is null ? Moniker : Moniker[..Moniker.IndexOf('-', StringComparison.Ordinal)];

    public bool IsNetFramework => Identifier == NetFramework;

    public bool IsNetStandard => Identifier == NetStandard;

    public bool IsNetCoreApp => Identifier == NetCoreApp;

    public static TargetFramework? Parse(string? moniker)
    {
        if (string.IsNullOrWhiteSpace(moniker))
        {
            return null;
        }

        var text = moniker.Trim().ToLowerInvariant();
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        var platform = dash < 0 ? null : text[(dash + 1)..];
        var core = dash < 0 ? text : text[..dash];
        if (core.StartsWith("netstandard", StringComparison.Ordinal) && TryVersion(core["netstandard".Length..], out var standard))
        {
            return new TargetFramework(text, NetStandard, standard, platform);
        }

        if (core.StartsWith("netcoreapp", StringComparison.Ordinal) && TryVersion(core["netcoreapp".Length..], out var coreApp))
        {
            return new TargetFramework(text, NetCoreApp, coreApp, platform);
        }

        if (core.StartsWith("net", StringComparison.Ordinal))
        {
            var digits = core[3..];
            if (digits.Contains('.', StringComparison.Ordinal) && TryVersion(digits, out var net) && net.Major >= 5)
            {
                return new TargetFramework(text, NetCoreApp, net, platform);
            }

            // net48, net452, net4721 is not a thing: one digit per component.
            if (digits.Length is >= 2 and <= 3 && digits.All(char.IsAsciiDigit))
            {
                var version = new Version(string.Join('.', digits.Select(c => c.ToString())) + (digits.Length == 2 ? ".0" : string.Empty));
                return new TargetFramework(text, NetFramework, Normalize(version), platform);
            }
        }

        return null;
    }

    /// <summary>The moniker of a .NET Framework version ("4.5.2" → net452).</summary>
    public static string FrameworkMoniker(string version) => "net" + version.Replace(".", string.Empty, StringComparison.Ordinal);

    /// <summary>The C# version the SDK picks when the project sets none (Microsoft.CSharp.Core.targets).</summary>
    public LanguageVersion DefaultLanguageVersion => Identifier switch
    {
        // .NET 5 gets C# 9, each later .NET the next C#, capped at the newest the SDK's compiler knows.
        NetCoreApp when Version.Major >= 5 => (Version.Major + 4) switch
        {
            9 => LanguageVersion.CSharp9,
            10 => LanguageVersion.CSharp10,
            11 => LanguageVersion.CSharp11,
            12 => LanguageVersion.CSharp12,
            13 => LanguageVersion.CSharp13,
            _ => LanguageVersion.CSharp14,
        },
        NetCoreApp when Version >= new Version(3, 0) => LanguageVersion.CSharp8,
        NetStandard when Version >= new Version(2, 1) => LanguageVersion.CSharp8,
        _ => LanguageVersion.CSharp7_3,
    };

    /// <summary>The symbols the SDK defines for this framework (GenerateTargetFrameworkDefineConstants and GenerateNETCompatibleDefineConstants).</summary>
    public IReadOnlyList<string> ImplicitSymbols()
    {
        var symbols = new List<string>();
        switch (Identifier)
        {
            case NetFramework:
                symbols.Add("NETFRAMEWORK");
                symbols.Add("NET" + Digits(Version));
                symbols.AddRange(Compatible(s_frameworkVersions).Select(v => $"NET{v.Replace(".", string.Empty, StringComparison.Ordinal)}_OR_GREATER"));
                break;
            case NetStandard:
                symbols.Add("NETSTANDARD");
                symbols.Add($"NETSTANDARD{Version.Major}_{Version.Minor}");
                symbols.AddRange(Compatible(s_standardVersions).Select(v => $"NETSTANDARD{v.Replace('.', '_')}_OR_GREATER"));
                break;
            default:
                var modern = Version.Major >= 5;
                symbols.Add(modern ? "NET" : "NETCOREAPP");
                symbols.Add($"{(modern ? "NET" : "NETCOREAPP")}{Version.Major}_{Version.Minor}");
                if (modern)
                {
                    symbols.Add("NETCOREAPP");
                    symbols.AddRange(Enumerable.Range(5, Version.Major - 4).Select(major => $"NET{major}_0_OR_GREATER"));
                }

                symbols.AddRange(Compatible(s_coreVersions).Select(v => $"NETCOREAPP{v.Replace('.', '_')}_OR_GREATER"));
                break;
        }

        if (Platform is { } platform && IsNetCoreApp && Version.Major >= 5)
        {
            var name = new string(platform.TakeWhile(char.IsAsciiLetter).ToArray()).ToUpperInvariant();
            if (name.Length > 0)
            {
                symbols.Add(name);
            }
        }

        return symbols;
    }

    private IEnumerable<string> Compatible(IEnumerable<string> versions)
        => versions.Where(v => Normalize(Version.Parse(v)) <= Normalize(Version));

    private static string Digits(Version version)
        => version.Build > 0 ? $"{version.Major}{version.Minor}{version.Build}" : $"{version.Major}{version.Minor}";

    private static Version Normalize(Version version) => new(version.Major, Math.Max(0, version.Minor), Math.Max(0, version.Build));

    private static bool TryVersion(string text, out Version version)
    {
        if (!text.Contains('.', StringComparison.Ordinal) && text.Length > 0 && text.All(char.IsAsciiDigit))
        {
            // netcoreapp21, netstandard20: an old spelling without dots.
            text = string.Join('.', text.Select(c => c.ToString(CultureInfo.InvariantCulture)));
        }

        if (Version.TryParse(text, out var parsed))
        {
            version = Normalize(parsed);
            return true;
        }

        version = new Version(0, 0);
        return false;
    }
}
