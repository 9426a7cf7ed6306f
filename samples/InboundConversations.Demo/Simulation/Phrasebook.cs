namespace InboundConversations.Demo.Simulation;

/// <summary>One exchange: the contact's first message, a detail they may add, the agent's answer and the close category.</summary>
internal sealed record Exchange(string Opening, string Detail, string Reply, string Category);

/// <summary>
/// What the simulated people write. Openings carry the keywords the workflow looks for, some in capitals or without
/// accents (matching ignores both); details, replies and thanks carry none that matter, since only the first
/// message is enriched.
/// </summary>
internal static class Phrasebook
{
    private static readonly Dictionary<(Language, Topic), Exchange[]> Exchanges = new()
    {
        [(Language.English, Topic.Sales)] =
        [
            new("Hi! What's the price of the Pro plan?", "It's for a team of 12.", "The Pro plan is 29 € per user a month; I've emailed you a quote.", "quote-sent"),
            new("Could you send me a quote for 20 seats?", "We'd start next month.", "Done: the quote for 20 seats is in your inbox.", "quote-sent"),
            new("Do you offer a discount on the annual plan?", "We're 12 people.", "Yes: 15% off when paid yearly. Shall I set it up?", "discount-offered"),
        ],
        [(Language.English, Topic.Support)] =
        [
            new("The app crashes when I log in.", "I'm on Android, version 4.1.", "Sorry about that! Version 4.2 fixes it: please update.", "bug-fixed"),
            new("I get an error when I upload files.", "The files are PDFs of about 30 MB.", "Uploads are limited to 25 MB; I've raised yours to 50 MB.", "limit-raised"),
            new("I forgot my password and the reset email never arrives.", "I checked the spam folder too.", "I've sent a new link by SMS; you can sign in now.", "access-restored"),
        ],
        [(Language.English, Topic.Billing)] =
        [
            new("My last invoice charged me twice.", "It's the card ending in 0042.", "You're right: the second charge is on its way back (3-5 days).", "refund-issued"),
            new("I need a refund for last month, please.", "We cancelled on the 2nd.", "Done: last month's amount goes back to your card.", "refund-issued"),
            new("Can you resend my INVOICE for October?", "To accounts@ this time, please.", "I've sent October's document to accounts@.", "invoice-resent"),
        ],
        [(Language.English, Topic.Unclear)] =
        [
            new("Hello, is anyone there?", "It's about my account.", "Hi! Yes, I'm here: what can I do for you?", "answered"),
            new("Hi, I have a question.", "About opening hours.", "Hi! We answer from 9:00 to 18:00, Monday to Friday.", "answered"),
        ],
        [(Language.Spanish, Topic.Sales)] =
        [
            new("Hola, ¿cuál es el precio del plan Pro?", "Somos un equipo de 12 personas.", "El plan Pro cuesta 29 € por usuario al mes; te envié la cotización.", "quote-sent"),
            new("Quisiera una cotizacion para 20 usuarios.", "Empezaríamos el mes que viene.", "Listo: la cotización para 20 usuarios está en tu correo.", "quote-sent"),
            new("¿Tienen descuento si contratamos el plan anual?", "Somos 12 personas.", "Sí: un 15 % menos pagando el año. ¿Lo activamos?", "discount-offered"),
        ],
        [(Language.Spanish, Topic.Support)] =
        [
            new("La aplicación da un error al iniciar sesión.", "Uso Android, versión 4.1.", "¡Perdón! La versión 4.2 lo corrige: actualiza, por favor.", "bug-fixed"),
            new("NO PUEDO INICIAR SESION desde ayer.", "Desde el portátil tampoco.", "Restablecí tu acceso; ya puedes entrar.", "access-restored"),
            new("Olvidé mi contraseña y no me llega el correo.", "Ya miré en spam.", "Te mandé un enlace por SMS; ya puedes entrar.", "access-restored"),
        ],
        [(Language.Spanish, Topic.Billing)] =
        [
            new("Me cobraron dos veces la última factura.", "Es la tarjeta que termina en 0042.", "Tienes razón: el segundo cargo vuelve en 3 a 5 días.", "refund-issued"),
            new("Necesito un reembolso del mes pasado.", "Cancelamos el día 2.", "Listo: el importe del mes pasado vuelve a tu tarjeta.", "refund-issued"),
            new("Tengo una duda con la FACTURACION de octubre.", "El importe no coincide con el pedido.", "Había un cargo de más; te envié el documento corregido.", "invoice-corrected"),
        ],
        [(Language.Spanish, Topic.Unclear)] =
        [
            new("Hola, ¿hay alguien ahí?", "Es sobre mi cuenta.", "¡Hola! Sí, aquí estoy: ¿en qué te ayudo?", "answered"),
            new("Buenas tardes, tengo una consulta.", "Sobre el horario.", "¡Hola! Atendemos de 9:00 a 18:00, de lunes a viernes.", "answered"),
        ],
    };

    private static readonly Dictionary<Language, string[]> Thanks = new()
    {
        [Language.English] = ["Thanks, that helps!", "Great, thank you.", "Perfect, all sorted."],
        [Language.Spanish] = ["¡Gracias, me sirve!", "Perfecto, muchas gracias.", "Genial, ya quedó."],
    };

    private static readonly Dictionary<Language, string[]> CheckingBack = new()
    {
        [Language.English] = ["Let me check with my team and get back to you.", "I'll look into it and write back later.", "Give me a while to find the details."],
        [Language.Spanish] = ["Déjame consultarlo con mi equipo y te escribo.", "Lo reviso y te vuelvo a escribir.", "Dame un rato para buscar los datos."],
    };

    private static readonly Dictionary<Language, string[]> Back = new()
    {
        [Language.English] = ["I'm back: that settles it, thanks.", "Checked: all good on our side.", "Found it: we're fine now."],
        [Language.Spanish] = ["Ya volví: con eso queda resuelto, gracias.", "Lo revisé: todo bien por nuestra parte.", "Lo encontré: ya estamos bien."],
    };

    private static readonly Dictionary<Language, string[]> FollowUps = new()
    {
        [Language.English] = ["Great, glad that's sorted. Have a good day!", "Perfect, thanks for checking."],
        [Language.Spanish] = ["Perfecto, me alegro de que quedara resuelto. ¡Buen día!", "Genial, gracias por revisarlo."],
    };

    private static readonly Dictionary<Language, string[]> Names = new()
    {
        [Language.English] = ["olivia", "james", "emma", "noah", "ava", "liam", "grace", "henry", "chloe", "oscar"],
        [Language.Spanish] = ["lucia", "mateo", "sofia", "javier", "valentina", "camila", "andres", "paula", "hugo", "elena"],
    };

    public static IReadOnlyList<Exchange> All(Language language, Topic topic) => Exchanges[(language, topic)];

    public static Exchange Exchange(Random random, Language language, Topic topic) => random.Pick(Exchanges[(language, topic)]);

    public static string Thank(Random random, Language language) => random.Pick(Thanks[language]);

    /// <summary>What a contact who needs to check something writes before going to check.</summary>
    public static string CheckBack(Random random, Language language) => random.Pick(CheckingBack[language]);

    /// <summary>What they write once they have checked.</summary>
    public static string ComeBack(Random random, Language language) => random.Pick(Back[language]);

    /// <summary>The agent's answer to that.</summary>
    public static string FollowUp(Random random, Language language) => random.Pick(FollowUps[language]);

    /// <summary>The <paramref name="index"/>-th contact id of a language: the names in turn, then the names again with a number.</summary>
    public static string ContactName(Language language, int index)
    {
        var names = Names[language];
        var round = index / names.Length;
        return round == 0 ? names[index % names.Length] : $"{names[index % names.Length]}-{round + 1}";
    }
}
