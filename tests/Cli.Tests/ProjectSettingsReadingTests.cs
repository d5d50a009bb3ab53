using System;
using System.IO;
using System.Linq;
using HttpClientGuard.Cli.Loading;
using HttpClientGuard.Cli.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace HttpClientGuard.Cli.Tests;

/// <summary>
/// The settings folder mode compiles each target with: MSBuild's evaluation, and the plain-XML reading used where
/// MSBuild cannot evaluate the project, must agree with each other on what the SDK defines per framework.
/// </summary>
public sealed class ProjectSettingsReadingTests
{
    [Theory]
    [InlineData("net452", LanguageVersion.CSharp7_3)]
    [InlineData("net48", LanguageVersion.CSharp7_3)]
    [InlineData("netstandard2.0", LanguageVersion.CSharp7_3)]
    [InlineData("netstandard2.1", LanguageVersion.CSharp8)]
    [InlineData("netcoreapp3.1", LanguageVersion.CSharp8)]
    [InlineData("net8.0", LanguageVersion.CSharp12)]
    [InlineData("net10.0", LanguageVersion.CSharp14)]
    public void SdkSymbolsAndDefaultLanguageVersion_XmlReadingMatchesMsBuild(string framework, LanguageVersion expectedLanguage)
    {
        using var folder = new TempFolder();
        var project = folder.Combine("Sample.csproj");
        File.WriteAllText(project, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>{framework}</TargetFramework>
                <DefineConstants>$(DefineConstants);OWN_SYMBOL</DefineConstants>
              </PropertyGroup>
            </Project>
            """);

        var (fromMsBuild, fromXml) = ReadBothWays(project);

        Assert.Equal(SettingsSource.MsBuild, fromMsBuild.Source);
        Assert.Equal(fromMsBuild.PreprocessorSymbols.Order(StringComparer.Ordinal), fromXml.PreprocessorSymbols.Order(StringComparer.Ordinal));
        Assert.Contains("OWN_SYMBOL", fromMsBuild.PreprocessorSymbols);
        Assert.Equal(expectedLanguage, fromMsBuild.LanguageVersion);
        Assert.Equal(expectedLanguage, fromXml.LanguageVersion);
        Assert.True(fromMsBuild.LanguageVersionIsDefault);
        Assert.Equal(framework, fromMsBuild.Framework?.Moniker);
    }

    [Theory]
    [InlineData("Microsoft.NET.Sdk", "<OutputType>Exe</OutputType>", OutputKind.ConsoleApplication)]
    [InlineData("Microsoft.NET.Sdk", "<OutputType>WinExe</OutputType>", OutputKind.WindowsApplication)]
    [InlineData("Microsoft.NET.Sdk", "", OutputKind.DynamicallyLinkedLibrary)]
    [InlineData("Microsoft.NET.Sdk.Web", "", OutputKind.ConsoleApplication)]
    [InlineData("Microsoft.NET.Sdk.Web", "<OutputType>Library</OutputType>", OutputKind.DynamicallyLinkedLibrary)]
    public void OutputType_XmlReadingMatchesMsBuild(string sdk, string outputType, OutputKind expected)
    {
        using var folder = new TempFolder();
        var project = folder.Combine("Sample.csproj");
        File.WriteAllText(project, $"""
            <Project Sdk="{sdk}">
              <PropertyGroup>
                <TargetFramework>net8.0</TargetFramework>
                {outputType}
              </PropertyGroup>
            </Project>
            """);

        var (fromMsBuild, fromXml) = ReadBothWays(project);

        Assert.Equal(expected, fromMsBuild.OutputKind);
        Assert.Equal(expected, fromXml.OutputKind);
    }

    [Theory]
    [InlineData("Microsoft.NET.Sdk.BlazorWebAssembly", true)]
    [InlineData("Microsoft.NET.Sdk.Web", false)]
    [InlineData("Microsoft.NET.Sdk", false)]
    public void BlazorWebAssemblySdk_XmlReadingMatchesMsBuild(string sdk, bool expected)
    {
        using var folder = new TempFolder();
        var project = folder.Combine("Sample.csproj");
        File.WriteAllText(project, $"""
            <Project Sdk="{sdk}">
              <PropertyGroup>
                <TargetFramework>net8.0</TargetFramework>
              </PropertyGroup>
            </Project>
            """);

        var (fromMsBuild, fromXml) = ReadBothWays(project);

        Assert.Equal(expected, fromMsBuild.IsBlazorWebAssembly);
        Assert.Equal(expected, fromXml.IsBlazorWebAssembly);
    }

    /// <summary>The one target of <paramref name="project"/> as MSBuild evaluates it (without failure) and as the XML reading sees it.</summary>
    private static (TargetSettings MsBuild, TargetSettings Xml) ReadBothWays(string project)
    {
        using var evaluator = new ProjectEvaluator();
        var evaluation = evaluator.Evaluate(project);
        Assert.Null(evaluation.Failure);
        return (Assert.Single(evaluation.Targets), Assert.Single(ProjectFileXml.Read(project)));
    }

    // A build of the solution sets $(SolutionDir); shared build files imported through it decide the language version.
    [Fact]
    public void SharedPropsImportedThroughTheSolutionFolder_XmlReadingMatchesMsBuild()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("App.sln"), "Microsoft Visual Studio Solution File, Format Version 12.00\n");
        Directory.CreateDirectory(folder.Combine("build"));
        File.WriteAllText(folder.Combine("build", "shared.props"), """
            <Project>
              <PropertyGroup>
                <LangVersion>10.0</LangVersion>
              </PropertyGroup>
            </Project>
            """);
        Directory.CreateDirectory(folder.Combine("src", "Lib"));
        var project = folder.Combine("src", "Lib", "Lib.csproj");
        File.WriteAllText(project, """
            <Project Sdk="Microsoft.NET.Sdk">
              <Import Project="$(SolutionDir)build\shared.props" />
              <PropertyGroup>
                <TargetFramework>netstandard2.0</TargetFramework>
              </PropertyGroup>
            </Project>
            """);

        var (fromMsBuild, fromXml) = ReadBothWays(project);

        Assert.Equal(LanguageVersion.CSharp10, fromMsBuild.LanguageVersion);
        Assert.Equal(LanguageVersion.CSharp10, fromXml.LanguageVersion);
    }

    // A plugin SDK this machine lacks: MSBuild cannot evaluate the project, and the XML reading follows its shared targets
    // (through $(SolutionDir), then $(MSBuildThisFileDirectory)) to the framework and language version they set.
    [Fact]
    public void SharedTargetsOfAProjectMsBuildCannotEvaluate_XmlReadingFollowsThem()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("Plugin.sln"), "Microsoft Visual Studio Solution File, Format Version 12.00\n");
        Directory.CreateDirectory(folder.Combine("src", "Plugin.Common"));
        File.WriteAllText(folder.Combine("src", "plugin.targets"), """
            <Project>
              <Sdk Name="Missing.Plugin.Sdk" Version="15.0.0" />
              <Import Project="$(MSBuildThisFileDirectory)library.targets" />
            </Project>
            """);
        File.WriteAllText(folder.Combine("src", "library.targets"), """
            <Project>
              <PropertyGroup>
                <TargetFramework>net8.0</TargetFramework>
                <LangVersion>12</LangVersion>
                <Nullable>enable</Nullable>
              </PropertyGroup>
            </Project>
            """);
        var project = folder.Combine("src", "Plugin.Common", "Plugin.Common.csproj");
        File.WriteAllText(project, """
            <Project Sdk="Microsoft.NET.Sdk">
              <Import Project="$(SolutionDir)\src\plugin.targets" />
            </Project>
            """);

        using var evaluator = new ProjectEvaluator();
        Assert.NotNull(evaluator.Evaluate(project).Failure);
        var target = Assert.Single(ProjectFileXml.Read(project));
        Assert.Equal("net8.0", target.Framework?.Moniker);
        Assert.Equal(LanguageVersion.CSharp12, target.LanguageVersion);
        Assert.Equal(NullableContextOptions.Enable, target.Nullable);
    }

    [Fact]
    public void ProjectFileWithAByteOrderMarkAfterAnEmptyLine_TargetsReadFromItsText()
    {
        // MSBuild cannot load it ("Data at the root level is invalid. Line 2, position 1"); its text still says netstandard2.0.
        using var folder = new TempFolder();
        var project = folder.Combine("Api.csproj");
        File.WriteAllText(project, "\r\n\uFEFF<Project Sdk=\"Microsoft.NET.Sdk\">\r\n  <PropertyGroup>\r\n    <TargetFramework>netstandard2.0</TargetFramework>\r\n    <LangVersion>7.1</LangVersion>\r\n  </PropertyGroup>\r\n</Project>\r\n");

        using var evaluator = new ProjectEvaluator();
        Assert.NotNull(evaluator.Evaluate(project).Failure);
        var target = Assert.Single(ProjectFileXml.Read(project));
        Assert.Equal("netstandard2.0", target.Framework?.Moniker);
        Assert.Equal(LanguageVersion.CSharp7_1, target.LanguageVersion);
    }

    [Fact]
    public void ProjectFileThatIsNotXml_NoFrameworkKnown()
    {
        using var folder = new TempFolder();
        var project = folder.Combine("Broken.csproj");
        File.WriteAllText(project, "\r\n<Project Sdk=\"Microsoft.NET.Sdk\">\r\n  <PropertyGroup>\r\n    <TargetFramework>net8.0\r\n");

        Assert.Null(Assert.Single(ProjectFileXml.Read(project)).Framework);
    }

    [Fact]
    public void ProjectSettings_PerTarget_FromDirectoryBuildPropsAndConditions()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("Directory.Build.props"), """
            <Project>
              <PropertyGroup>
                <LangVersion>9.0</LangVersion>
                <Nullable>enable</Nullable>
              </PropertyGroup>
            </Project>
            """);
        Directory.CreateDirectory(folder.Combine("src"));
        var project = folder.Combine("src", "Lib.csproj");
        File.WriteAllText(project, """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFrameworks>netstandard2.0;net8.0</TargetFrameworks>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <PropertyGroup Condition="'$(TargetFramework)' == 'net8.0'">
                <LangVersion>latest</LangVersion>
              </PropertyGroup>
            </Project>
            """);

        using var evaluator = new ProjectEvaluator();
        foreach (var targets in new[] { evaluator.Evaluate(project).Targets, ProjectFileXml.Read(project) })
        {
            var standard = targets.Single(t => t.Framework?.Moniker == "netstandard2.0");
            var modern = targets.Single(t => t.Framework?.Moniker == "net8.0");
            Assert.Equal(LanguageVersion.CSharp9, standard.LanguageVersion);
            Assert.False(standard.LanguageVersionIsDefault);
            Assert.Equal(LanguageVersion.Latest.MapSpecifiedToEffectiveVersion(), modern.LanguageVersion);
            Assert.All(targets, t => Assert.Equal(NullableContextOptions.Enable, t.Nullable));
            Assert.Contains("global using global::System.Net.Http;", modern.GlobalUsings);
            Assert.Contains("NETSTANDARD2_0", standard.PreprocessorSymbols);
            Assert.DoesNotContain("NETSTANDARD2_0", modern.PreprocessorSymbols);
        }
    }

    // A repository written on Windows spells its props 'Directory.Build.Props': Windows' build imports it (a .NET Framework
    // plugin's target framework is set there), a case-sensitive file system's MSBuild would not. Both readings find it, and a
    // props file spelled exactly is still the one taken.
    [Theory]
    [InlineData("Directory.Build.Props")]
    [InlineData("directory.build.props")]
    [InlineData("Directory.Build.props")]
    public void DirectoryBuildPropsInAnyCasing_SetsTheTargetFramework(string fileName)
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine(fileName), """
            <Project>
              <PropertyGroup>
                <TargetFramework>net462</TargetFramework>
                <LangVersion>10.0</LangVersion>
              </PropertyGroup>
            </Project>
            """);
        Directory.CreateDirectory(folder.Combine("Plugin"));
        var project = folder.Combine("Plugin", "Plugin.csproj");
        File.WriteAllText(project, """
            <Project Sdk="Microsoft.NET.Sdk">
            </Project>
            """);

        using var evaluator = new ProjectEvaluator();
        foreach (var targets in new[] { evaluator.Evaluate(project).Targets, ProjectFileXml.Read(project) })
        {
            var target = Assert.Single(targets);
            Assert.Equal("net462", target.Framework?.Moniker);
            Assert.Equal(LanguageVersion.CSharp10, target.LanguageVersion);
        }
    }

    [Fact]
    public void XmlReading_FollowsTheDirectoryBuildPropsChainAndAToolWrappersImportedProject()
    {
        // The repository's props (an SDK this machine lacks is why MSBuild cannot evaluate it) turn implicit usings on;
        // src/'s props import them through GetPathOfFileAbove; the folder's first project only wraps the real one.
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("Directory.Build.props"), """
            <Project>
              <PropertyGroup>
                <LangVersion>preview</LangVersion>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
            </Project>
            """);
        Directory.CreateDirectory(folder.Combine("src", "Cli"));
        File.WriteAllText(folder.Combine("src", "Directory.Build.props"), """
            <Project>
              <PropertyGroup>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <Import Project="$([MSBuild]::GetPathOfFileAbove('Directory.Build.props', '$(MSBuildThisFileDirectory)../'))" />
            </Project>
            """);
        File.WriteAllText(folder.Combine("src", "Cli", "Cli.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net8.0</TargetFramework>
              </PropertyGroup>
            </Project>
            """);
        var wrapper = folder.Combine("src", "Cli", "Cli.Tool.csproj");
        File.WriteAllText(wrapper, """
            <Project>
              <PropertyGroup>
                <IsCliToolProject>true</IsCliToolProject>
              </PropertyGroup>
              <Import Project="Cli.csproj" />
            </Project>
            """);

        var target = Assert.Single(ProjectFileXml.Read(wrapper));
        Assert.Equal("net8.0", target.Framework?.Moniker);
        Assert.Equal(NullableContextOptions.Enable, target.Nullable);
        Assert.Equal(LanguageVersion.Preview, target.LanguageVersion);
        Assert.Contains("global using global::System.Net.Http;", target.GlobalUsings);
    }
}
