using Microsoft.CodeAnalysis;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>Methods a framework runs as commands, once per execution, whatever calls of them the compilation shows.</summary>
internal static class CommandMethods
{
    /// <summary>
    /// A method a framework runs as a command: CommunityToolkit.Mvvm's <c>[RelayCommand]</c> (and its earlier <c>[ICommand]</c>),
    /// whose generated command calls it on every execution, and any attribute named <c>...Command</c> (a bot's
    /// <c>[Command("ping")]</c>, <c>[SlashCommand]</c>): read by name, as source generators and packages may not bind.
    /// </summary>
    public static bool RunsPerExecution(IMethodSymbol method)
    {
        foreach (var attribute in method.GetAttributes())
        {
            var name = attribute.AttributeClass?.Name;
            if (name is null)
            {
                continue;
            }

            if (name.EndsWith("Attribute", System.StringComparison.Ordinal))
            {
                name = name.Substring(0, name.Length - "Attribute".Length);
            }

            if (name == "ICommand" || name.EndsWith("Command", System.StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
