/** Sent by the privacy page, opened from the sign-in tick box, with the user's answer. */
export const AGREEMENT_EVENT = 'privacy:agreement';
