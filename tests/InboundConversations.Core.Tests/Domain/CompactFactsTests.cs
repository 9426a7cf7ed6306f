using InboundConversations.Internal.Domain;

namespace InboundConversations.Tests.Domain;

/// <summary>The stored form of a run's facts reads like the dictionary it replaced.</summary>
public sealed class CompactFactsTests
{
    [Fact]
    public void Merge_ReplacesWrittenKeysInPlaceAndAppendsNewOnes_InDictionaryOrder()
    {
        var earlier = CompactFacts.Merge(CompactFacts.Empty, new Dictionary<string, string> { ["intent"] = "sales", ["language"] = "es" });

        var merged = CompactFacts.Merge(earlier, new Dictionary<string, string> { ["tier"] = "gold", ["intent"] = "billing" });

        var expected = new Dictionary<string, string>(earlier, StringComparer.Ordinal) { ["tier"] = "gold", ["intent"] = "billing" };
        merged.Should().Equal(expected);
        merged.Keys.Should().Equal(expected.Keys);
        earlier["intent"].Should().Be("sales", "a merge never changes the facts it starts from");
    }

    [Fact]
    public void Lookups_AreOrdinal_AndAMissingKeyBehavesAsInADictionary()
    {
        var facts = CompactFacts.Merge(CompactFacts.Empty, new Dictionary<string, string> { ["intent"] = "billing" });

        facts.TryGetValue("Intent", out _).Should().BeFalse();
        facts.ContainsKey("intent").Should().BeTrue();
        facts.Invoking(f => f["missing"]).Should().ThrowExactly<KeyNotFoundException>()
            .WithMessage("The fact 'missing' is not present.");
        facts.Invoking(f => f.TryGetValue(null!, out _)).Should().ThrowExactly<ArgumentNullException>();
    }
}
