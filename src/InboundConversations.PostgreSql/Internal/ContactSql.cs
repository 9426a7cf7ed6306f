namespace InboundConversations.PostgreSql.Internal;

/// <summary>
/// The contact store's SQL text, built once per store (the quoted schema is the only part spliced in). Fields are a
/// jsonb object of strings; tags a jsonb array of distinct strings. Both statements return what
/// <see cref="ContactRow"/> reads: the field names, their values in the same order, and the tags.
/// </summary>
internal sealed class ContactSql
{
    public ContactSql(string schema)
    {
        var s = schema;

        // $1 workspace, $2 contact.
        Get = Profile($"{s}.contacts") + " where c.workspace = $1 and c.id = $2";

        // $1 workspace, $2 contact, $3 field names, $4 their values, $5 tags to add. One statement: the conflicting row is
        // locked and merged with its latest version, so concurrent updates of one contact all land.
        Update =
            $"with updated as (insert into {s}.contacts as c (workspace, id, fields, tags) " +
            "values ($1, $2, jsonb_object($3::text[], $4::text[]), to_jsonb(array(select distinct t from unnest($5::text[]) t))) " +
            "on conflict (workspace, id) do update set fields = c.fields || excluded.fields, " +
            "tags = to_jsonb(array(select distinct t from jsonb_array_elements_text(c.tags || excluded.tags) t)) " +
            "returning c.fields, c.tags) " +
            Profile("updated");
    }

    public string Get { get; }

    public string Update { get; }

    /// <summary>Selects the profile columns from <paramref name="source"/>, aliased <c>c</c>.</summary>
    private static string Profile(string source) =>
        "select coalesce(f.names, '{}'), coalesce(f.values, '{}'), array(select jsonb_array_elements_text(c.tags)) " +
        $"from {source} c cross join lateral " +
        "(select array_agg(e.key) as names, array_agg(e.value) as values from jsonb_each_text(c.fields) e) f";
}
