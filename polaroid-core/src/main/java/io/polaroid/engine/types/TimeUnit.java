package io.polaroid.engine.types;

/** Resolution of a timestamp. */
public enum TimeUnit {
    SECOND("s", 1L),
    MILLISECOND("ms", 1_000L),
    MICROSECOND("μs", 1_000_000L),
    NANOSECOND("ns", 1_000_000_000L);

    private final String symbol;
    private final long perSecond;

    TimeUnit(String symbol, long perSecond) {
        this.symbol = symbol;
        this.perSecond = perSecond;
    }

    public String symbol() {
        return symbol;
    }

    /** How many units make one second. */
    public long perSecond() {
        return perSecond;
    }

    /** How many units make one day. */
    public long perDay() {
        return perSecond * 86_400L;
    }
}
