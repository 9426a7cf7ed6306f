namespace InboundConversations.PostgreSql.Internal;

/// <summary>One versioned SQL script shipped in the package (an embedded resource named <c>NNNN_name.sql</c>).</summary>
internal sealed record Migration(int Version, string Name, string Sql)
{
    private const string ResourcePrefix = "InboundConversations.PostgreSql.Migrations.";

    /// <summary>Every migration the package ships, by ascending version.</summary>
    public static IReadOnlyList<Migration> All { get; } = Load();

    /// <summary>The script with <c>{schema}</c> replaced by <paramref name="quotedSchema"/>.</summary>
    public string SqlFor(string quotedSchema) => Sql.Replace("{schema}", quotedSchema, StringComparison.Ordinal);

    private static Migration[] Load()
    {
        var assembly = typeof(Migration).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var file = resource[ResourcePrefix.Length..^".sql".Length];
            var separator = file.IndexOf('_', StringComparison.Ordinal);
            var version = int.Parse(file.AsSpan(0, separator), System.Globalization.CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(version, file[(separator + 1)..], reader.ReadToEnd()));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"The package's migrations must be numbered 1, 2, 3… without gaps; found {migrations[i].Version} at position {i + 1}.");
            }
        }

        return [.. migrations];
    }
}
