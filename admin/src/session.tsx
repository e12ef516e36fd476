import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { AdminProfile, AdminSession } from '@dzky/contracts';
import { configureRequest, isApiError, SESSION_ENDING_CODES, tokens } from './request';
import { fetchProfile, logout } from './services/auth';

export type SessionStatus = 'loading' | 'signedIn' | 'signedOut' | 'error';

/** Why the user is on the sign-in page; shown there once. */
export type SignInNotice = { kind: 'ended'; text: string } | { kind: 'idle' } | { kind: 'signedOut' };

export interface SessionValue {
  status: SessionStatus;
  profile: AdminProfile | null;
  notice: SignInNotice | null;
  clearNotice(): void;
  signIn(session: AdminSession): void;
  signOut(reason?: 'user' | 'idle'): Promise<void>;
  reload(): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<SessionStatus>(() => (tokens.present ? 'loading' : 'signedOut'));
  const [profile, setProfile] = useState<AdminProfile | null>(null);
  const [notice, setNotice] = useState<SignInNotice | null>(null);
  const signingOut = useRef(false);

  const reload = useCallback(async () => {
    if (!tokens.present) {
      setProfile(null);
      setStatus('signedOut');
      return;
    }
    setStatus((s) => (s === 'signedIn' ? s : 'loading'));
    try {
      const p = await fetchProfile();
      setProfile(p);
      setStatus('signedIn');
    } catch (e) {
      // session-ending errors were already turned into a sign-out by the request hooks
      if (isApiError(e) && SESSION_ENDING_CODES.has(e.errorCode)) return;
      setStatus('error');
    }
  }, []);

  useEffect(() => {
    configureRequest({
      onSessionEnd: (err) => {
        setProfile(null);
        setStatus('signedOut');
        if (!signingOut.current) setNotice({ kind: 'ended', text: err.errorMessage });
      },
      onPasswordExpired: () => setProfile((p) => (p ? { ...p, mustChangePassword: true } : p)),
      onSessionRefreshed: (s) => setProfile(s.profile),
    });
    if (tokens.present) void reload();
  }, [reload]);

  const signIn = useCallback((session: AdminSession) => {
    tokens.save(session);
    setProfile(session.profile);
    setNotice(null);
    setStatus('signedIn');
  }, []);

  const signOut = useCallback(async (reason: 'user' | 'idle' = 'user') => {
    signingOut.current = true;
    try {
      // best effort: the server revokes the session; an already ended one needs nothing more
      await logout().catch(() => undefined);
    } finally {
      signingOut.current = false;
      tokens.clear();
      setProfile(null);
      setStatus('signedOut');
      setNotice(reason === 'idle' ? { kind: 'idle' } : { kind: 'signedOut' });
    }
  }, []);

  const value = useMemo<SessionValue>(
    () => ({ status, profile, notice, clearNotice: () => setNotice(null), signIn, signOut, reload }),
    [status, profile, notice, signIn, signOut, reload],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}

/** The signed-in user's profile; only for components under the auth guard. */
export function useProfile(): AdminProfile {
  const { profile } = useSession();
  if (!profile) throw new Error('useProfile without a signed-in user');
  return profile;
}
