using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace HttpClientGuard.Cli.Loading;

/// <summary>The framework assemblies one target is compiled against, and where they came from.</summary>
/// <param name="Framework">The framework whose assemblies these are; another than asked for when <paramref name="IsExact"/> is false.</param>
/// <param name="Description">"NETStandard.Library 2.0.3 (NuGet packages folder)", for the report.</param>
public sealed record ReferenceSet(ImmutableArray<MetadataReference> References, string Framework, string Description, bool IsExact);

/// <summary>
/// Finds the reference assemblies of a target framework for folder mode and for a target MSBuild could not
/// resolve: the SDK's installed targeting packs, then the NuGet global packages folder, then a download into
/// that folder (<c>dotnet restore</c> of a generated stub project, with the user's NuGet configuration: the
/// same packages the build of that target would restore). When none can be had (offline, or the feed lacks
/// that framework), the nearest available framework is used and the description says so.
/// </summary>
public sealed class ReferenceAssemblies
{
    /// <summary>The shared framework of WPF and Windows Forms (and the prefix of its per-UI framework references).</summary>
    public const string WindowsDesktopFramework = "Microsoft.WindowsDesktop.App";

    private const string FrameworkPackagePrefix = "microsoft.netframework.referenceassemblies.";
    private static readonly string[] s_windowsRuntimeIdentifiers = { "win-x64", "win-x86", "win-arm64" };
    private static readonly TimeSpan s_restoreTimeout = TimeSpan.FromMinutes(3);
    private static readonly Lazy<ReferenceSet> s_installed = new(LoadInstalled);

    private readonly Dictionary<string, ReferenceSet> _byMoniker = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ImmutableArray<MetadataReference>> _byFolders = new(StringComparer.Ordinal);
    private readonly HashSet<string> _downloadTried = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _notes = new();
    private readonly string _dotnetRoot;
    private string _packagesFolder;
    private string? _offline;

    public ReferenceAssemblies()
        : this(DotnetRoot(), DefaultPackagesFolder())
    {
    }

    /// <param name="dotnetRoot">Where the SDK's <c>packs/</c> are (for the Windows Desktop lookup).</param>
    /// <param name="packagesFolder">The NuGet global packages folder.</param>
    public ReferenceAssemblies(string dotnetRoot, string packagesFolder)
    {
        _dotnetRoot = dotnetRoot;
        _packagesFolder = packagesFolder;
    }

    /// <summary>The newest installed .NET (and ASP.NET Core) reference packs: loose files, and the last resort.</summary>
    public static ReferenceSet Installed => s_installed.Value;

    /// <summary>The framework of <see cref="Installed"/> (net10.0 with the .NET 10 SDK).</summary>
    public static TargetFramework? InstalledFramework => TargetFramework.Parse(Installed.Framework);

    /// <summary>Downloads and fallbacks the user should know about.</summary>
    public IReadOnlyList<string> Notes => _notes;

    public static string DotnetRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (!string.IsNullOrEmpty(fromEnvironment) && Directory.Exists(Path.Combine(fromEnvironment, "shared")))
        {
            return fromEnvironment;
        }

        // <root>/shared/Microsoft.NETCore.App/<version>/
        var runtimeDirectory = new DirectoryInfo(RuntimeEnvironment.GetRuntimeDirectory());
        return runtimeDirectory.Parent?.Parent?.Parent?.FullName ?? runtimeDirectory.FullName;
    }

    /// <summary>Downloads, in one restore, the reference assemblies of every framework not found on this machine.</summary>
    public async Task PrepareAsync(IEnumerable<TargetFramework> frameworks, Action<string> reportStage, CancellationToken cancellationToken)
    {
        var missing = frameworks
            .Select(Exactly)
            .DistinctBy(framework => framework.Moniker, StringComparer.OrdinalIgnoreCase)
            .Where(framework => !_byMoniker.ContainsKey(framework.Moniker) && FindLocal(framework) is null)
            .ToList();
        await DownloadAsync(missing, reportStage, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ReferenceSet> ForAsync(TargetFramework? framework, Action<string> reportStage, CancellationToken cancellationToken)
    {
        if (framework is null)
        {
            return Installed;
        }

        var wanted = Exactly(framework);
        if (_byMoniker.TryGetValue(wanted.Moniker, out var known))
        {
            return known;
        }

        ReferenceSet result;
        if (wanted.IsNetStandard && wanted.Version < new Version(2, 0) || wanted.IsNetCoreApp && wanted.Version < new Version(2, 0))
        {
            // netstandard1.x references are dozens of packages; netstandard2.0 is their superset. netcoreapp1.x's are packages
            // too, and netstandard2.0 is nearer to them than any installed .NET: neither has what came later (SocketsHttpHandler
            // arrived in netcoreapp2.1), so the code binds against no API its build lacked.
            var standard = await ForAsync(TargetFramework.Parse("netstandard2.0"), reportStage, cancellationToken).ConfigureAwait(false);
            result = standard with { IsExact = false, Description = standard.Description + $" (nearest available for {wanted.Moniker})" };
        }
        else if (await FindOrDownloadAsync(wanted, reportStage, cancellationToken).ConfigureAwait(false) is { } exact)
        {
            result = exact;
        }
        else
        {
            result = await NearestAsync(wanted, reportStage, cancellationToken).ConfigureAwait(false);
            if (_offline is not null)
            {
                _notes.Add($"could not download the reference assemblies for {wanted.Moniker} ({_offline}); its code was compiled against {result.Description}");
            }
        }

        _byMoniker[wanted.Moniker] = result;
        return result;
    }

    private async Task<ReferenceSet?> FindOrDownloadAsync(TargetFramework framework, Action<string> reportStage, CancellationToken cancellationToken)
    {
        if (FindLocal(framework) is { } local)
        {
            return Create(framework, local);
        }

        await DownloadAsync(new[] { framework }, reportStage, cancellationToken).ConfigureAwait(false);
        return FindLocal(framework) is { } downloaded ? Create(framework, downloaded) : null;
    }

    private async Task<ReferenceSet> NearestAsync(TargetFramework framework, Action<string> reportStage, CancellationToken cancellationToken)
    {
        if (framework.IsNetFramework)
        {
            // Nearest version first, the older one on a tie: its API is a subset of the real one.
            var versions = TargetFramework.FrameworkVersions.Select(v => TargetFramework.Parse(TargetFramework.FrameworkMoniker(v))!).ToList();
            var position = versions.FindIndex(v => v.Version >= framework.Version);
            var candidates = versions
                .Select((candidate, index) => (candidate, index))
                .Where(entry => entry.candidate.Version != framework.Version && entry.candidate.Version >= new Version(4, 0))
                .OrderBy(entry => Math.Abs(entry.index - position) * 2 + (entry.index > position ? 1 : 0))
                .Select(entry => entry.candidate)
                .ToList();
            foreach (var candidate in candidates)
            {
                if (FindLocal(candidate) is { } local)
                {
                    return Create(candidate, local) with { IsExact = false };
                }
            }

            // One restore for the nearest few: NuGet fetches those the feed has.
            await DownloadAsync(candidates.Take(3).ToList(), reportStage, cancellationToken).ConfigureAwait(false);
            foreach (var candidate in candidates)
            {
                if (FindLocal(candidate) is { } downloaded)
                {
                    return Create(candidate, downloaded) with { IsExact = false };
                }
            }
        }

        return Installed with { IsExact = false };
    }

    /// <summary>
    /// <paramref name="set"/> with the Windows Desktop (WPF, Windows Forms) assemblies of <paramref name="framework"/>
    /// added, for a target that uses them; .NET Framework's reference assemblies already include them. When this
    /// machine has none (the targeting pack is only restored for Windows builds), the description says so and WPF and
    /// Windows Forms types do not bind. Nothing is downloaded.
    /// </summary>
    public ReferenceSet WithWindowsDesktop(ReferenceSet set, TargetFramework? framework)
    {
        if (framework is not { IsNetCoreApp: true } || framework.Version.Major < 3)
        {
            return set;
        }

        var moniker = framework.PlatformNeutralMoniker;
        if (FindWindowsDesktop(_dotnetRoot, _packagesFolder, moniker) is not { } found)
        {
            return set with { Description = set.Description + $"; no {WindowsDesktopFramework} assemblies for {moniker} on this machine (WPF and Windows Forms types do not bind)" };
        }

        if (!_byFolders.TryGetValue(found.Folder, out var desktop))
        {
            desktop = ReferencesIn(new[] { found.Folder });
            _byFolders[found.Folder] = desktop;
        }

        // On a name clash the Windows Desktop assembly wins, as in the build: Microsoft.NETCore.App.Ref's WindowsBase.dll is
        // an empty facade, the real DependencyObject is in the Windows Desktop one.
        var desktopNames = desktop.OfType<PortableExecutableReference>().Select(reference => Path.GetFileName(reference.FilePath)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var kept = set.References.Where(reference => reference is not PortableExecutableReference { FilePath: { } path } || !desktopNames.Contains(Path.GetFileName(path)));
        return set with { References = kept.Concat(desktop).ToImmutableArray(), Description = set.Description + " and " + found.Description };
    }

    /// <summary>
    /// The folder of the Windows Desktop assemblies for <paramref name="moniker"/> (net8.0): the installed targeting pack,
    /// the targeting pack in the NuGet packages folder, else a Windows runtime pack there (implementation assemblies,
    /// restored by a self-contained or RID-specific Windows build); null when none is on this machine.
    /// </summary>
    public static (string Folder, string Description)? FindWindowsDesktop(string dotnetRoot, string packagesFolder, string moniker)
    {
        var relative = Path.Combine("ref", moniker);
        if (NewestWith(Path.Combine(dotnetRoot, "packs", WindowsDesktopFramework + ".Ref"), relative) is { } installed)
        {
            return (installed.Folder, $"{WindowsDesktopFramework}.Ref {installed.Version} (installed)");
        }

        if (NewestWith(Path.Combine(packagesFolder, (WindowsDesktopFramework + ".Ref").ToLowerInvariant()), relative) is { } package)
        {
            return (package.Folder, $"{WindowsDesktopFramework}.Ref {package.Version} (NuGet packages folder)");
        }

        foreach (var runtime in s_windowsRuntimeIdentifiers)
        {
            var packageFolder = Path.Combine(packagesFolder, $"{WindowsDesktopFramework}.Runtime.{runtime}".ToLowerInvariant());
            if (NewestWith(packageFolder, Path.Combine("runtimes", runtime, "lib", moniker)) is { } runtimePack)
            {
                return (runtimePack.Folder, $"{WindowsDesktopFramework}.Runtime.{runtime} {runtimePack.Version} (NuGet packages folder, runtime assemblies)");
            }
        }

        return null;
    }

    private static TargetFramework Exactly(TargetFramework framework)
        => framework.Platform is null ? framework : TargetFramework.Parse(framework.PlatformNeutralMoniker) ?? framework;

    private ReferenceSet Create(TargetFramework framework, (IReadOnlyList<string> Folders, string Description) found)
    {
        var key = string.Join('|', found.Folders);
        if (!_byFolders.TryGetValue(key, out var references))
        {
            references = ReferencesIn(found.Folders);
            _byFolders[key] = references;
        }

        return new ReferenceSet(references, framework.Moniker, found.Description, IsExact: true);
    }

    /// <summary>The folders holding <paramref name="framework"/>'s reference assemblies on this machine, or null.</summary>
    private (IReadOnlyList<string> Folders, string Description)? FindLocal(TargetFramework framework)
    {
        var packs = Path.Combine(DotnetRoot(), "packs");
        var moniker = framework.Moniker;
        if (framework.IsNetCoreApp && framework.Version.Major >= 3)
        {
            var installed = NewestWith(Path.Combine(packs, "Microsoft.NETCore.App.Ref"), Path.Combine("ref", moniker));
            var core = installed ?? NewestWith(Path.Combine(_packagesFolder, "microsoft.netcore.app.ref"), Path.Combine("ref", moniker));
            if (core is null)
            {
                return null;
            }

            var where = installed is null ? "NuGet packages folder" : "installed";
            var web = installed is null
                ? NewestWith(Path.Combine(_packagesFolder, "microsoft.aspnetcore.app.ref"), Path.Combine("ref", moniker))
                : NewestWith(Path.Combine(packs, "Microsoft.AspNetCore.App.Ref"), Path.Combine("ref", moniker));
            var folders = new List<string> { core.Value.Folder };
            var description = $"Microsoft.NETCore.App.Ref {core.Value.Version}";
            if (web is not null)
            {
                folders.Add(web.Value.Folder);
                description += $" and Microsoft.AspNetCore.App.Ref {web.Value.Version}";
            }

            return (folders, $"{description} ({where})");
        }

        var package = framework switch
        {
            { IsNetCoreApp: true } => ("Microsoft.NETCore.App", NewestWith(Path.Combine(_packagesFolder, "microsoft.netcore.app"), Path.Combine("ref", moniker))),
            { IsNetStandard: true } when framework.Version >= new Version(2, 1) => ("NETStandard.Library.Ref",
                NewestWith(Path.Combine(packs, "NETStandard.Library.Ref"), Path.Combine("ref", moniker))
                ?? NewestWith(Path.Combine(_packagesFolder, "netstandard.library.ref"), Path.Combine("ref", moniker))),
            { IsNetStandard: true } => ("NETStandard.Library", NewestWith(Path.Combine(_packagesFolder, "netstandard.library"), Path.Combine("build", "netstandard2.0", "ref"))),
            _ => (FrameworkPackageId(framework), NewestWith(Path.Combine(_packagesFolder, FrameworkPackageId(framework).ToLowerInvariant()), Path.Combine("build", ".NETFramework", FrameworkFolder(framework)))),
        };
        if (package.Item2 is { } found)
        {
            var folders = new List<string> { found.Folder };
            if (Directory.Exists(Path.Combine(found.Folder, "Facades")))
            {
                folders.Add(Path.Combine(found.Folder, "Facades"));
            }

            return (folders, $"{package.Item1} {found.Version} (NuGet packages folder)");
        }

        if (framework.IsNetFramework && OperatingSystem.IsWindows()
            && Environment.GetFolderPath(Environment.SpecialFolder.ProgramFilesX86) is { Length: > 0 } programFiles)
        {
            var windows = Path.Combine(programFiles, "Reference Assemblies", "Microsoft", "Framework", ".NETFramework", FrameworkFolder(framework));
            if (Directory.Exists(windows))
            {
                var folders = new List<string> { windows };
                if (Directory.Exists(Path.Combine(windows, "Facades")))
                {
                    folders.Add(Path.Combine(windows, "Facades"));
                }

                return (folders, $".NET Framework {framework.Version} targeting pack (installed)");
            }
        }

        return null;
    }

    /// <summary>
    /// One <c>dotnet restore</c> of a stub project that needs exactly these frameworks' reference packages; NuGet
    /// downloads what it can even when some package is missing from the feed.
    /// </summary>
    private async Task DownloadAsync(IReadOnlyList<TargetFramework> frameworks, Action<string> reportStage, CancellationToken cancellationToken)
    {
        var wanted = frameworks.Where(framework => _downloadTried.Add(framework.Moniker)).ToList();
        if (wanted.Count == 0 || _offline is not null)
        {
            return;
        }

        var frameworkPackages = wanted.Where(f => f.IsNetFramework).Select(FrameworkPackageId).ToList();
        var legs = wanted.Where(f => !f.IsNetFramework).Select(f => f.Moniker).ToList();
        var needsStandard = legs.Contains("netstandard2.0", StringComparer.OrdinalIgnoreCase);
        if (frameworkPackages.Count > 0 && !needsStandard)
        {
            legs.Add("netstandard2.0");
        }

        var stub = Path.Combine(Path.GetTempPath(), "hcg-references-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(stub);
        try
        {
            var packageReferences = string.Concat(frameworkPackages.Select(id => $"""    <PackageReference Include="{id}" Version="*" />{"\n"}"""));
            File.WriteAllText(Path.Combine(stub, "ReferenceAssemblies.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <!-- Written by hcg to download reference assemblies; deleted after the restore. -->
                  <PropertyGroup>
                    <TargetFrameworks>{string.Join(';', legs)}</TargetFrameworks>
                    <NuGetAudit>false</NuGetAudit>
                    <CheckEolTargetFramework>false</CheckEolTargetFramework>
                  </PropertyGroup>
                  <PropertyGroup Condition="'$(TargetFramework)' == 'netstandard2.0'">
                    <DisableImplicitFrameworkReferences>{(!needsStandard).ToString().ToLowerInvariant()}</DisableImplicitFrameworkReferences>
                  </PropertyGroup>
                  <ItemGroup Condition="'$(TargetFramework)' == 'netstandard2.0'">
                {packageReferences}  </ItemGroup>
                </Project>
                """);
            var names = string.Join(", ", wanted.Select(f => f.Moniker));
            reportStage($"downloading reference assemblies for {names}");
            var result = await DotnetCommand.RunAsync(stub, s_restoreTimeout, cancellationToken, "restore", "ReferenceAssemblies.csproj").ConfigureAwait(false);
            if (PackagesFolderIn(Path.Combine(stub, "obj", "project.assets.json")) is { } folder)
            {
                _packagesFolder = folder;
            }

            var got = wanted.Where(f => FindLocal(f) is not null).Select(f => f.Moniker).ToList();
            if (got.Count > 0)
            {
                _notes.Add($"downloaded the reference assemblies for {string.Join(", ", got)} into {_packagesFolder}");
            }

            if (result.TimedOut || result.Output.Contains("NU1301", StringComparison.Ordinal))
            {
                _offline = result.TimedOut ? "the package feed did not answer" : "the package feed could not be reached: " + result.FirstError();
            }
        }
        finally
        {
            TryDelete(stub);
        }
    }

    private static string FrameworkPackageId(TargetFramework framework) => "Microsoft.NETFramework.ReferenceAssemblies." + framework.Moniker;

    private static string FrameworkFolder(TargetFramework framework)
        => "v" + (framework.Version.Build > 0 ? framework.Version.ToString(3) : framework.Version.ToString(2));

    /// <summary>NuGet's global packages folder: <c>NUGET_PACKAGES</c>, else <c>~/.nuget/packages</c>.</summary>
    internal static string DefaultPackagesFolder()
        => Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static string? PackagesFolderIn(string assetsFile)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(assetsFile));
            return document.RootElement.TryGetProperty("packageFolders", out var folders)
                ? folders.EnumerateObject().Select(folder => folder.Name.TrimEnd('/', '\\')).FirstOrDefault()
                : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    private static ReferenceSet LoadInstalled()
    {
        var dotnetRoot = DotnetRoot();
        var files = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var sources = new List<string>();
        string? moniker = null;
        foreach (var pack in new[] { "Microsoft.NETCore.App", "Microsoft.AspNetCore.App" })
        {
            if (NewestSubfolder(Path.Combine(dotnetRoot, "packs", pack + ".Ref")) is { } versionFolder
                && NewestSubfolder(Path.Combine(versionFolder, "ref")) is { } tfmFolder)
            {
                AddAssemblies(tfmFolder, files);
                moniker ??= Path.GetFileName(tfmFolder);
                sources.Add($"{pack}.Ref {Path.GetFileName(versionFolder)}");
            }
            else if (NewestSubfolder(Path.Combine(dotnetRoot, "shared", pack)) is { } runtimeFolder)
            {
                AddAssemblies(runtimeFolder, files);
                moniker ??= $"net{VersionOf(Path.GetFileName(runtimeFolder))?.ToString(2)}";
                sources.Add($"{pack} {Path.GetFileName(runtimeFolder)} (runtime assemblies)");
            }
        }

        if (files.Count == 0)
        {
            // The process's own framework is always there: the scanner runs on it.
            AddAssemblies(RuntimeEnvironment.GetRuntimeDirectory(), files);
            sources.Add("the scanner's own runtime");
        }

        moniker ??= $"net{Environment.Version.ToString(2)}";
        var references = files.Values
            .OrderBy(file => file, StringComparer.Ordinal)
            .Select(file => (MetadataReference)MetadataReference.CreateFromFile(file))
            .ToImmutableArray();
        return new ReferenceSet(references, moniker, string.Join(" and ", sources) + " (installed)", IsExact: true);
    }

    private static ImmutableArray<MetadataReference> ReferencesIn(IEnumerable<string> folders)
    {
        var files = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var folder in folders)
        {
            AddAssemblies(folder, files);
        }

        return files.Values
            .OrderBy(file => file, StringComparer.Ordinal)
            .Select(file => (MetadataReference)MetadataReference.CreateFromFile(file))
            .ToImmutableArray();
    }

    /// <summary>The newest version folder under <paramref name="packageFolder"/> that has <paramref name="relative"/>.</summary>
    private static (string Folder, string Version)? NewestWith(string packageFolder, string relative)
    {
        if (!Directory.Exists(packageFolder))
        {
            return null;
        }

        return Directory.EnumerateDirectories(packageFolder)
            .Select(path => (path, version: VersionOf(Path.GetFileName(path))))
            .Where(entry => entry.version is not null && Directory.Exists(Path.Combine(entry.path, relative)))
            .OrderByDescending(entry => entry.version)
            .Select(entry => ((string Folder, string Version)?)(Path.Combine(entry.path, relative), Path.GetFileName(entry.path)))
            .FirstOrDefault();
    }

    private static string? NewestSubfolder(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return null;
        }

        return Directory.EnumerateDirectories(folder)
            .Select(path => (path, version: VersionOf(Path.GetFileName(path))))
            .Where(entry => entry.version is not null)
            .OrderByDescending(entry => entry.version)
            .Select(entry => entry.path)
            .FirstOrDefault();
    }

    private static Version? VersionOf(string name)
    {
        // "10.0.12", "10.0.0-rc.1..." or "net10.0"
        var digits = name.StartsWith("net", StringComparison.OrdinalIgnoreCase) ? name[3..] : name;
        var dash = digits.IndexOf('-', StringComparison.Ordinal);
        return Version.TryParse(dash < 0 ? digits : digits[..dash], out var version) ? version : null;
    }

    private static void AddAssemblies(string folder, Dictionary<string, string> files)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*.dll"))
        {
            if (IsManagedAssembly(file))
            {
                files.TryAdd(Path.GetFileName(file), file);
            }
        }
    }

    private static bool IsManagedAssembly(string file)
    {
        try
        {
            using var stream = File.OpenRead(file);
            using var reader = new PEReader(stream);
            return reader.HasMetadata && reader.GetMetadataReader().IsAssembly;
        }
        catch (Exception ex) when (ex is IOException or BadImageFormatException or UnauthorizedAccessException or InvalidOperationException)
        {
            return false;
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A temp folder: the OS cleans it later.
        }
    }
}
