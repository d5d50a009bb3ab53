using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HttpClientGuard.Cli.Loading;
using HttpClientGuard.Cli.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.MSBuild;

namespace HttpClientGuard.Cli.Tests;

/// <summary>
/// MSBuildWorkspace's build host is a separate process; one open failed under load with a FileNotFoundException and
/// passed when run again. The loader opens once more, in a fresh workspace, before it falls back to folder mode.
/// </summary>
public sealed class ProjectOpenRetryTests
{
    [Fact]
    public async Task FirstOpenThrows_SecondWorkspaceOpensTheProject_AndTheNoteSaysWhatFailed()
    {
        Assert.Null(ProjectLoader.EnsureMsBuildRegistered());
        using var folder = TempFolder.WithFixture("LeakyProject");
        var opened = new List<MSBuildWorkspace>();
        ProjectLoader.Opener open = (workspace, target, progress, cancellationToken) =>
        {
            opened.Add(workspace);
            return opened.Count == 1
                ? throw new FileNotFoundException("Could not find file 'BuildHost.dll'.", "BuildHost.dll")
                : ProjectLoader.OpenAsync(workspace, target, progress, cancellationToken);
        };
        var owned = new List<Workspace>();

        try
        {
            var (result, failure) = await ProjectLoader.LoadAsync(
                CreateWorkspace, owned.Add, ScanTarget.Resolve(folder.Combine("LeakyProject.csproj")), _ => { }, CancellationToken.None, open);

            Assert.Null(failure);
            Assert.NotNull(result);
            Assert.Equal(2, opened.Count);
            Assert.NotSame(opened[0], opened[1]);
            Assert.Equal(opened, owned);
            Assert.NotEmpty(result!.Projects);
            Assert.All(result.Projects, project => Assert.Equal(LoadMode.Project, project.Mode));
            Assert.Contains(result.Problems, note => note.Contains("first attempt", StringComparison.Ordinal) && note.Contains("FileNotFoundException: Could not find file 'BuildHost.dll'.", StringComparison.Ordinal));
        }
        finally
        {
            owned.ForEach(workspace => workspace.Dispose());
        }
    }

    [Fact]
    public async Task EveryOpenThrows_TriedTwice_AndTheFailureNamesBothReasons()
    {
        Assert.Null(ProjectLoader.EnsureMsBuildRegistered());
        using var folder = TempFolder.WithFixture("LeakyProject");
        var attempts = 0;
        ProjectLoader.Opener open = (_, _, _, _) => ++attempts == 1
            ? throw new FileNotFoundException("Could not find file 'a'.")
            : throw new InvalidOperationException("The build host exited.\nsecond line");
        var owned = new List<Workspace>();

        try
        {
            var (result, failure) = await ProjectLoader.LoadAsync(
                CreateWorkspace, owned.Add, ScanTarget.Resolve(folder.Combine("LeakyProject.csproj")), _ => { }, CancellationToken.None, open);

            Assert.Null(result);
            Assert.Equal(2, attempts);
            Assert.Equal(2, owned.Count);
            Assert.Equal(
                "MSBuild could not open LeakyProject.csproj, twice: FileNotFoundException: Could not find file 'a'., then InvalidOperationException: The build host exited.",
                failure);
        }
        finally
        {
            owned.ForEach(workspace => workspace.Dispose());
        }
    }

    [Fact]
    public async Task Cancelled_NotTriedAgain()
    {
        Assert.Null(ProjectLoader.EnsureMsBuildRegistered());
        using var folder = TempFolder.WithFixture("LeakyProject");
        var attempts = 0;
        ProjectLoader.Opener open = (_, _, _, _) =>
        {
            attempts++;
            throw new OperationCanceledException();
        };
        var owned = new List<Workspace>();

        try
        {
            await Assert.ThrowsAsync<OperationCanceledException>(() => ProjectLoader.LoadAsync(
                CreateWorkspace, owned.Add, ScanTarget.Resolve(folder.Combine("LeakyProject.csproj")), _ => { }, CancellationToken.None, open));
            Assert.Equal(1, attempts);
        }
        finally
        {
            owned.ForEach(workspace => workspace.Dispose());
        }
    }

    [Fact]
    public async Task SolutionThatCannotBeRead_FallsBackToFolderMode_SayingItWasTriedTwice()
    {
        using var folder = TempFolder.WithFixture("LeakyProject");
        File.WriteAllText(folder.Combine("Broken.slnx"), "<Solution><Project Path=");

        var result = await Hcg.RunAsync("scan", folder.Combine("Broken.slnx"), "--format", "json");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var report = result.Json();
        Assert.Equal("folder", report.GetProperty("mode").GetString());
        Assert.Contains(
            report.GetProperty("notes").EnumerateArray().Select(note => note.GetString()!),
            note => note.StartsWith("MSBuild could not open Broken.slnx, twice: ", StringComparison.Ordinal) && note.EndsWith("scanned the files under " + folder.Path + " in folder mode", StringComparison.Ordinal));
        Assert.False(result.HasStackTrace);
    }

    private static MSBuildWorkspace CreateWorkspace() => MSBuildWorkspace.Create();
}
