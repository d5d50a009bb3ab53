namespace FixableFixture;

public sealed class Consumer
{
    public string Describe(string key)
    {
        var first = Legacy.Fetch(key); // expect: TST001
        var second = Legacy.Fetch(key + "-2"); // expect: TST001
        return first + second + Obsolete.Ping(); // expect: TST002
    }

    public int Twice() => Obsolete.Ping() + Obsolete.Ping(); // expect: TST002 TST002
}
