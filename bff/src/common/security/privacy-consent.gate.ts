/**
 * What the access guard needs to know about privacy consent (design.md §3 "Personal data"). The
 * account module provides it under this name, so common/ names no module for it.
 */
export const PRIVACY_CONSENT_GATE = 'privacyConsentGate';

export interface PrivacyConsentGate {
  /** whether the passenger or driver account has accepted the privacy policy in force */
  isAccepted(subjectId: number): Promise<boolean>;
}
