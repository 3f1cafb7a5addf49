package io.polaroid.engine.plan;

/**
 * Join kinds of the resolved plan. The optimizer may swap a join's inputs so that the smaller
 * one is on the right (the hash-join build side); RIGHT_SEMI and RIGHT_ANTI let it do so for
 * semi and anti joins, which keep the rows of the right input.
 */
public enum JoinKind {
    INNER, LEFT, RIGHT, FULL, LEFT_SEMI, LEFT_ANTI, RIGHT_SEMI, RIGHT_ANTI, CROSS;

    /** The kind after the inputs are swapped. */
    public JoinKind swapped() {
        return switch (this) {
            case LEFT -> RIGHT;
            case RIGHT -> LEFT;
            case LEFT_SEMI -> RIGHT_SEMI;
            case LEFT_ANTI -> RIGHT_ANTI;
            case RIGHT_SEMI -> LEFT_SEMI;
            case RIGHT_ANTI -> LEFT_ANTI;
            default -> this;
        };
    }

    public boolean outputsLeft() {
        return this != RIGHT_SEMI && this != RIGHT_ANTI;
    }

    public boolean outputsRight() {
        return this != LEFT_SEMI && this != LEFT_ANTI;
    }

    /** Rows of the left input may appear without a match (their right columns null). */
    public boolean keepsUnmatchedLeft() {
        return this == LEFT || this == FULL;
    }

    /** Rows of the right input may appear without a match (their left columns null). */
    public boolean keepsUnmatchedRight() {
        return this == RIGHT || this == FULL;
    }
}
