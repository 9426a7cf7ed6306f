using InboundConversations.Tests.Support;
using InboundConversations.Workflow;

namespace InboundConversations.Tests.Workflow.Enrichment;

public sealed class KeywordIntentEnricherTests
{
    private static readonly IConversationEnricher BillingOrSales = ConversationEnrichers.KeywordIntents(intents => intents
        .Add("billing", "invoice", "refund", "factura")
        .Add("sales", "price", "precio", "quote"));

    private static async Task<IReadOnlyDictionary<string, string>> EnrichAsync(IConversationEnricher enricher, string? firstMessage)
    {
        var context = WorkflowContexts.Enrichment(firstMessage);
        await enricher.EnrichAsync(context, CancellationToken.None);
        context.WrittenContactFields.Should().BeEmpty();
        context.WrittenContactTags.Should().BeEmpty();
        return context.WrittenFacts;
    }

    [Theory]
    [InlineData("Necesito mi factura")]
    [InlineData("NECESITO MI FACTURA")]
    [InlineData("necesito mi factúra")]
    [InlineData("¿Dónde está mi Fáctura?")]
    [InlineData("I need a REFUND.")]
    public async Task Message_WithAPhraseInAnyCaseOrAccents_WritesItsIntent(string message)
    {
        var facts = await EnrichAsync(BillingOrSales, message);

        facts.Should().Equal(new Dictionary<string, string> { [WorkflowFacts.Intent] = "billing" });
    }

    [Theory]
    [InlineData("Quiero la facturación de marzo")]
    [InlineData("FACTURACION")]
    [InlineData("facturaçión")]
    public async Task Phrase_WithAccents_MatchesTheWordWithOrWithoutThem(string message)
    {
        var enricher = ConversationEnrichers.KeywordIntents(i => i.Add("billing", "Facturación"));

        (await EnrichAsync(enricher, message)).Should().ContainKey(WorkflowFacts.Intent).WhoseValue.Should().Be("billing");
    }

    [Theory]
    [InlineData("That is priceless")]
    [InlineData("Check the prices")]
    [InlineData("reprice it")]
    [InlineData("Quiero la facturación de marzo")] // "factura" is not a word of "facturación": configure that word too.
    public async Task Phrase_InsideALongerWord_DoesNotMatch(string message)
    {
        (await EnrichAsync(BillingOrSales, message)).Should().BeEmpty();
    }

    [Theory]
    [InlineData("price?")]
    [InlineData("(price)")]
    [InlineData("what's the price, please")]
    [InlineData("price-list")]
    public async Task Phrase_NextToPunctuation_MatchesAsAWord(string message)
    {
        (await EnrichAsync(BillingOrSales, message))[WorkflowFacts.Intent].Should().Be("sales");
    }

    [Theory]
    [InlineData("Please cancel my order")]
    [InlineData("CANCEL   my\n\torder!!")]
    [InlineData("cancel, my order")]
    [InlineData("Cancelá mi pedido")]
    public async Task MultiWordPhrase_AcrossAnyRunOfSpacesOrPunctuation_Matches(string message)
    {
        var enricher = ConversationEnrichers.KeywordIntents(i => i.Add("cancellation", "cancel my   order", "cancela mi pedido"));

        (await EnrichAsync(enricher, message))[WorkflowFacts.Intent].Should().Be("cancellation");
    }

    [Theory]
    [InlineData("cancel order")]
    [InlineData("cancel my orders")]
    [InlineData("my order, cancel")]
    [InlineData("cancel my")]
    public async Task MultiWordPhrase_WithAWordMissingChangedOrOutOfOrder_DoesNotMatch(string message)
    {
        var enricher = ConversationEnrichers.KeywordIntents(i => i.Add("cancellation", "cancel my order"));

        (await EnrichAsync(enricher, message)).Should().BeEmpty();
    }

    [Fact]
    public async Task SeveralIntents_TheOneWithMostPhraseHitsWins()
    {
        (await EnrichAsync(BillingOrSales, "About the invoice: what price, what quote, what precio?"))[WorkflowFacts.Intent].Should().Be("sales");
    }

    [Fact]
    public async Task SeveralIntents_EveryOccurrenceOfAPhraseCounts()
    {
        (await EnrichAsync(BillingOrSales, "invoice, refund. price price price"))[WorkflowFacts.Intent].Should().Be("sales");
    }

    [Fact]
    public async Task SeveralIntents_TiedOnHits_TheOneConfiguredFirstWins()
    {
        var salesFirst = ConversationEnrichers.KeywordIntents(i => i.Add("sales", "price").Add("billing", "invoice"));

        (await EnrichAsync(BillingOrSales, "price of the invoice"))[WorkflowFacts.Intent].Should().Be("billing");
        (await EnrichAsync(salesFirst, "price of the invoice"))[WorkflowFacts.Intent].Should().Be("sales");
    }

    [Fact]
    public async Task SamePhraseTwiceInOneIntent_CountsOnce()
    {
        var enricher = ConversationEnrichers.KeywordIntents(i => i.Add("sales", "price").Add("billing", "factura", "FACTURA", "fáctura"));

        (await EnrichAsync(enricher, "factura price"))[WorkflowFacts.Intent].Should().Be("sales");
    }

    [Theory]
    [InlineData("Hello, is anyone there?")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("🙂🙂")]
    public async Task Message_WithNoPhrase_WritesNoFact(string message)
    {
        (await EnrichAsync(BillingOrSales, message)).Should().BeEmpty();
    }

    [Fact]
    public async Task Conversation_WithoutAFirstMessage_WritesNoFact()
    {
        (await EnrichAsync(BillingOrSales, null)).Should().BeEmpty();
    }

    [Fact]
    public async Task Message_ThatIsNotValidUnicode_IsStillMatchedByCase()
    {
        (await EnrichAsync(BillingOrSales, "FACTURA \uD800 please"))[WorkflowFacts.Intent].Should().Be("billing");
    }

    [Fact]
    public async Task FactKey_WhenConfigured_IsWhereTheIntentIsWrittenAndNamesTheStep()
    {
        var enricher = ConversationEnrichers.KeywordIntents(i => i.FactKey("product").Add("phones", "iphone", "android"));

        (await EnrichAsync(enricher, "My Android is broken")).Should().Equal(new Dictionary<string, string> { ["product"] = "phones" });
        enricher.Name.Should().Be("keyword-intent:product");
        BillingOrSales.Name.Should().Be("keyword-intent");
    }

    public static TheoryData<string, Action<KeywordIntentBuilder>> InvalidConfigurations => new()
    {
        { "intent", i => i.Add("", "invoice") },
        { "intent", i => i.Add("  ", "invoice") },
        { "intent", i => i.Add(null!, "invoice") },
        { "phrases", i => i.Add("billing") },
        { "phrases", i => i.Add("billing", null!) },
        { "phrases", i => i.Add("billing", "invoice", "") },
        { "phrases", i => i.Add("billing", "invoice", "   ") },
        { "phrases", i => i.Add("billing", "invoice", "?!") },
        { "phrases", i => i.Add("billing", "invoice", null!) },
        { "intent", i => i.Add("billing", "invoice").Add("sales", "price").Add("Billing", "refund") },
        { "key", i => i.FactKey(" ").Add("billing", "invoice") },
        { "configure", _ => { } },
    };

    [Theory]
    [MemberData(nameof(InvalidConfigurations))]
    public void InvalidConfiguration_ThrowsWhenConfigured(string field, Action<KeywordIntentBuilder> configure)
    {
        var act = () => ConversationEnrichers.KeywordIntents(configure);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be(field);
    }
}
