package io.guestgateway.simulator;

/** What the simulator sends, as the summary counts it. */
public enum SimulatedFrameKind {
    /** an inbound guest message in the contract's schema */
    GUEST,
    /** an inbound message of a flooding bot: one fingerprint, a new conversation each time */
    BOT,
    /** an agent reply ({@code direction: outbound}) in a guest's conversation; the gateway must skip it */
    OUTBOUND,
    /** a message frame that breaks a contract rule; the gateway must reject it */
    MALFORMED
}
