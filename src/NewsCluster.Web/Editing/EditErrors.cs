namespace NewsCluster.Web.Editing;

/// <summary>An editor action that cannot be carried out; pages show the message, the API answers with the status.</summary>
public sealed class EditRefusedException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public static EditRefusedException NotFound(string what) => new(StatusCodes.Status404NotFound, what + " does not exist.");

    public static EditRefusedException Stale(string what) =>
        new(StatusCodes.Status409Conflict, what + " was changed by someone else in the meantime; reload to see its current state.");

    public static EditRefusedException Invalid(string message) => new(StatusCodes.Status400BadRequest, message);
}
