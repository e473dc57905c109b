package io.guestgateway.simulator;

/** What guests and agents say: ordinary support chat, with quotes, accents and an emoji for the parsers. */
final class Phrases {

    static final String[] GUEST = {
        "Hi, my order never arrived",
        "Where is my parcel? Tracking hasn't moved in 4 days",
        "I was charged twice for the same invoice",
        "Can I change the delivery address?",
        "The app says \"invalid password\" but I just reset it",
        "How do I cancel my subscription?",
        "Do you ship to Québec?",
        "My discount code SAVE20 doesn't work",
        "I'd like a refund for order #48213",
        "Is anyone there?",
        "Thanks, that helped 🙂",
        "The product arrived damaged, the box was crushed",
        "Can I upgrade to the business plan mid-month?",
        "Why was my card declined?",
        "I need an invoice with my company's VAT number",
        "hello",
        "Your website keeps logging me out",
        "What are your opening hours on Sunday?",
        "I want to speak to a human, please",
        "Order 99120 shows delivered but I have nothing",
    };

    static final String[] AGENT = {
        "Hello! I'm looking into this for you now.",
        "Could you share your order number, please?",
        "Thanks for waiting, I've escalated this to our billing team.",
        "I've issued a refund; it should appear in 3-5 business days.",
        "Is there anything else I can help with?",
        "Sorry about that — a replacement is on its way.",
    };

    static final String[] BOT = {
        "FREE CRYPTO!!! click http://example.invalid/win",
        "buy followers cheap cheap cheap",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "test test test",
    };

    private Phrases() {}
}
