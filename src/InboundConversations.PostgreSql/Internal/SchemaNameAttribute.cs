using System.ComponentModel.DataAnnotations;

namespace InboundConversations.PostgreSql.Internal;

/// <summary>
/// Marks <see cref="PostgreSqlOptions.Schema"/> for the generated options validator, which checks it with the
/// rules of <see cref="SchemaName"/> (the same rules <see cref="PostgreSqlMigrations"/> applies to a schema it is given).
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
internal sealed class SchemaNameAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) => SchemaName.Problem(value as string) is null;

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        return SchemaName.Problem(value as string) is { } problem
            ? new ValidationResult($"{validationContext.DisplayName}: {problem}.", validationContext.MemberName is { } member ? [member] : null)
            : ValidationResult.Success;
    }
}
