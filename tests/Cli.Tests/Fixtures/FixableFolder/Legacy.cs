namespace FixableFixture;

public static class Legacy
{
    public static string Fetch(string key) => "legacy:" + key;
}

public static class Modern
{
    public static string Fetch(string key) => "modern:" + key;
}

public static class Obsolete
{
    public static int Ping() => 0;
}

public static class Current
{
    public static int Ping() => 1;
}
