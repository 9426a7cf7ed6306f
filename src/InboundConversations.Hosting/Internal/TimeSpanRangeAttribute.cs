using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace InboundConversations.Hosting.Internal;

/// <summary>
/// A <see cref="TimeSpan"/> option's inclusive range, checked by the generated options validator, worded as Core's own
/// (its attribute is internal there). Used instead of <c>[Range(typeof(TimeSpan), …)]</c>, whose constructor is
/// marked as unsafe for trimming; the message gives the value too, since a duration read from configuration is easily
/// misread (<c>"5"</c> binds as five days).
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
internal sealed class TimeSpanRangeAttribute : ValidationAttribute
{
    /// <param name="minimum">The least value, in the constant format <c>[d.]hh:mm:ss[.fffffff]</c>.</param>
    /// <param name="maximum">The greatest value, in the same format.</param>
    public TimeSpanRangeAttribute(string minimum, string maximum)
    {
        Minimum = TimeSpan.ParseExact(minimum, "c", CultureInfo.InvariantCulture);
        Maximum = TimeSpan.ParseExact(maximum, "c", CultureInfo.InvariantCulture);
    }

    public TimeSpan Minimum { get; }

    public TimeSpan Maximum { get; }

    /// <summary>True for a value in the range, and for anything that is not a <see cref="TimeSpan"/> (not this attribute's to judge).</summary>
    public override bool IsValid(object? value) => value is not TimeSpan span || (span >= Minimum && span <= Maximum);

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        if (IsValid(value) || value is not TimeSpan span)
        {
            return ValidationResult.Success;
        }

        return new ValidationResult(
            $"The field {validationContext.DisplayName} must be at least {Format(Minimum)} and at most {Format(Maximum)}; it is {Format(span)}.",
            validationContext.MemberName is { } member ? [member] : null);
    }

    private static string Format(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}
