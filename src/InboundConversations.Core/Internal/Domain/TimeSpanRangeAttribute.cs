using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace InboundConversations.Internal.Domain;

/// <summary>
/// A <see cref="TimeSpan"/> option's range, written once: the generated options validators check it and word its
/// message. Used instead of <c>[Range(typeof(TimeSpan), …)]</c>, whose constructor is marked as unsafe for trimming
/// (it converts its bounds through a <c>TypeConverter</c>); this one parses them with <see cref="TimeSpan.ParseExact(string, string, IFormatProvider)"/>.
/// </summary>
/// <remarks>
/// The message gives the value as well as the range: a duration read from configuration is easily misread
/// (<c>"5"</c> binds as five days, not five seconds).
/// </remarks>
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

    /// <summary>True: the value must be above <see cref="Minimum"/>, not equal to it.</summary>
    public bool MinimumIsExclusive { get; set; }

    /// <summary>True for a value in the range, and for anything that is not a <see cref="TimeSpan"/> (not this attribute's to judge).</summary>
    public override bool IsValid(object? value) =>
        value is not TimeSpan span || ((MinimumIsExclusive ? span > Minimum : span >= Minimum) && span <= Maximum);

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        if (IsValid(value) || value is not TimeSpan span)
        {
            return ValidationResult.Success;
        }

        var lower = MinimumIsExclusive ? $"above {Format(Minimum)}" : $"at least {Format(Minimum)}";
        return new ValidationResult(
            $"The field {validationContext.DisplayName} must be {lower} and at most {Format(Maximum)}; it is {Format(span)}.",
            validationContext.MemberName is { } member ? [member] : null);
    }

    private static string Format(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}
