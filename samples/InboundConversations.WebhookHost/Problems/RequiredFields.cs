namespace InboundConversations.WebhookHost.Problems;

/// <summary>
/// The payloads' one rule of their own: a required field is present. Everything about the values (empty, too long,
/// malformed, in the future) is the library's to judge, through its exceptions.
/// </summary>
internal static class RequiredFields
{
    /// <summary>The missing fields, by their JSON name, as a validation problem's <c>errors</c>; empty when none is missing.</summary>
    public static Dictionary<string, string[]> Missing(params ReadOnlySpan<(string Name, object? Value)> fields)
    {
        var missing = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (name, value) in fields)
        {
            if (value is null)
            {
                missing[name] = [$"The field '{name}' is required."];
            }
        }

        return missing;
    }
}
