package io.guestgateway.crm;

/** A message on {@code guest.crm} that cannot become a CRM record; it is dead-lettered, never retried. */
public class UnreadableGuestMessageException extends RuntimeException {

    public UnreadableGuestMessageException(String message) {
        super(message);
    }
}
