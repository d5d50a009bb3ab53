namespace MultiTargetFixable
{
    public static class Legacy
    {
        public static int Fetch(int key) => key;
    }

    public static class Obsolete
    {
        public static int Ping() => 1;
    }

    public static class Current
    {
        public static int Ping() => 2;
    }

#if NET8_0_OR_GREATER
    public static class Modern
    {
        public static int Fetch(int key) => key + 1;
    }
#endif

    public sealed class Consumer
    {
        public int Use(int key) => Legacy.Fetch(key); // expect: TST001

        public int Twice() => Obsolete.Ping() + Obsolete.Ping(); // expect: TST002 TST002
    }
}
