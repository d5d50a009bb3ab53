using System;

namespace HttpClientGuard.Cli;

/// <summary>
/// Input the scanner cannot work with (a missing path, an unknown option, a folder without C#).
/// Its message is shown as is, without a stack trace, and the process exits with <see cref="ExitCodes.BadInput"/>.
/// </summary>
public sealed class UserInputException : Exception
{
    public UserInputException(string message)
        : base(message)
    {
    }

    public UserInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public UserInputException()
    {
    }
}
