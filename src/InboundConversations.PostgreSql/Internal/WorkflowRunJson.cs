using System.Buffers;
using System.Text;
using System.Text.Json;

namespace InboundConversations.PostgreSql.Internal;

/// <summary>
/// The jsonb of a workflow run's facts and steps. Facts are an array of <c>[key, value]</c> pairs, not an object:
/// jsonb reorders an object's keys, and a run's facts keep the order they were learned in. Steps are an array of
/// objects; a step's duration is kept in ticks so it round-trips exactly.
/// </summary>
internal static class WorkflowRunJson
{
    private const string EmptyArray = "[]";

    public static string WriteFacts(IReadOnlyDictionary<string, string> facts)
    {
        if (facts.Count == 0)
        {
            return EmptyArray;
        }

        return Write(facts, static (writer, pairs) =>
        {
            foreach (var (key, value) in pairs)
            {
                writer.WriteStartArray();
                writer.WriteStringValue(key);
                writer.WriteStringValue(value);
                writer.WriteEndArray();
            }
        });
    }

    public static IReadOnlyDictionary<string, string> ReadFacts(string json)
    {
        var facts = new Dictionary<string, string>(StringComparer.Ordinal);
        if (json == EmptyArray)
        {
            return facts;
        }

        using var document = JsonDocument.Parse(json);
        foreach (var pair in document.RootElement.EnumerateArray())
        {
            facts[pair[0].GetString()!] = pair[1].GetString()!;
        }

        return facts;
    }

    public static string WriteSteps(IReadOnlyList<WorkflowStep> steps)
    {
        if (steps.Count == 0)
        {
            return EmptyArray;
        }

        return Write(steps, static (writer, list) =>
        {
            foreach (var step in list)
            {
                writer.WriteStartObject();
                writer.WriteNumber("kind", (int)step.Kind);
                writer.WriteString("name", step.Name);
                writer.WriteNumber("status", (int)step.Status);
                writer.WriteString("startedAt", step.StartedAt);
                writer.WriteNumber("durationTicks", step.Duration.Ticks);
                if (step.Error is null)
                {
                    writer.WriteNull("error");
                }
                else
                {
                    writer.WriteString("error", step.Error);
                }

                writer.WriteEndObject();
            }
        });
    }

    public static IReadOnlyList<WorkflowStep> ReadSteps(string json)
    {
        if (json == EmptyArray)
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        var steps = new WorkflowStep[document.RootElement.GetArrayLength()];
        var index = 0;
        foreach (var step in document.RootElement.EnumerateArray())
        {
            steps[index++] = new WorkflowStep(
                (WorkflowStepKind)step.GetProperty("kind").GetInt32(),
                step.GetProperty("name").GetString()!,
                (WorkflowStepStatus)step.GetProperty("status").GetInt32(),
                step.GetProperty("startedAt").GetDateTimeOffset(),
                TimeSpan.FromTicks(step.GetProperty("durationTicks").GetInt64()),
                step.GetProperty("error").GetString());
        }

        return steps;
    }

    private static string Write<T>(T items, Action<Utf8JsonWriter, T> writeItems)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writeItems(writer, items);
            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
