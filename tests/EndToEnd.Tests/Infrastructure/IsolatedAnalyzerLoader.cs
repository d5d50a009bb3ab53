using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;

namespace HttpClientGuard.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Loads analyzer assemblies the way the compiler does: each package's files in their own load
/// context, with Microsoft.CodeAnalysis (and everything else the host has) shared from the host.
/// An analyzer built against a newer Roslyn than the host's fails to load here as it would in csc.
/// </summary>
internal sealed class IsolatedAnalyzerLoader : IAnalyzerAssemblyLoader
{
    private readonly AnalyzerLoadContext _context = new();

    public void AddDependencyLocation(string fullPath) => _context.Add(fullPath);

    public Assembly LoadFromPath(string fullPath)
    {
        _context.Add(fullPath);
        return _context.LoadFromAssemblyPath(fullPath);
    }

    private sealed class AnalyzerLoadContext : AssemblyLoadContext
    {
        private readonly Dictionary<string, string> _pathsBySimpleName = new(StringComparer.OrdinalIgnoreCase);

        public AnalyzerLoadContext()
            : base("HttpClientGuard packed analyzers")
        {
        }

        public void Add(string fullPath)
        {
            lock (_pathsBySimpleName)
            {
                _pathsBySimpleName[Path.GetFileNameWithoutExtension(fullPath)] = fullPath;
            }
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            lock (_pathsBySimpleName)
            {
                // Null falls back to the host's context: that is where the host's Roslyn comes from.
                return assemblyName.Name is { } name && _pathsBySimpleName.TryGetValue(name, out var path)
                    ? LoadFromAssemblyPath(path)
                    : null;
            }
        }
    }
}
