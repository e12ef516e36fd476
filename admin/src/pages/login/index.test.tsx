import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AdminLoginChallenge, AdminSession } from '@dzky/contracts';
import { resetRequestHooks, tokens } from '../../request';
import { renderWithRouter } from '../../test/render-router';
import LoginPage from '.';

const QR = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const enrol: AdminLoginChallenge = {
  step: 'totp_enrol',
  challengeToken: 'ch-1',
  otpauthUrl: 'otpauth://totp/DZKY:sysadmin?secret=JBSWY3DPEHPK3PXP&issuer=DZKY',
  qrDataUrl: QR,
  secret: 'JBSWY3DPEHPK3PXP',
};

const session: AdminSession = {
  accessToken: 'a1',
  refreshToken: 'r1',
  expiresIn: 900,
  profile: {
    id: 1,
    username: 'sysadmin',
    displayName: '系统管理员',
    orgId: 1,
    orgName: '定制客运平台',
    orgKind: 'platform',
    roles: ['系统管理员'],
    permissions: ['system:user:read'],
    mustChangePassword: false,
    passwordExpiresAt: null,
  },
};

function envelope(status: number, body: object) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function renderLogin() {
  return renderWithRouter(
    [
      { path: '/login', element: <LoginPage /> },
      { path: '/dashboard', element: <div>工作台页面</div> },
      { path: '/password', element: <div>修改密码页面</div> },
    ],
    '/login',
  );
}

async function signInWithPassword(user: ReturnType<typeof userEvent.setup>) {
  // fireEvent for the text: typing key by key through antd's form is slow in jsdom and proves nothing more
  fireEvent.change(screen.getByPlaceholderText('请输入用户名'), { target: { value: 'sysadmin' } });
  fireEvent.change(screen.getByPlaceholderText('请输入密码'), { target: { value: 'Init#Pass2026' } });
  await user.click(screen.getByRole('button', { name: /登\s*录/ }));
}

describe('sign-in page', () => {
  beforeEach(() => resetRequestHooks());
  afterEach(() => vi.unstubAllGlobals());

  it('R-6.1.1 password step, then the TOTP step shows the QR code and secret for enrolment', async () => {
    const fetchMock = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
      const body = JSON.parse(String(init?.body ?? '{}'));
      if (String(url).endsWith('/api/admin/auth/login')) {
        expect(body).toEqual({ username: 'sysadmin', password: 'Init#Pass2026' });
        return envelope(200, { success: true, data: enrol });
      }
      if (String(url).endsWith('/api/admin/auth/totp')) {
        expect(body).toEqual({ challengeToken: 'ch-1', code: '123456' });
        return envelope(200, { success: true, data: session });
      }
      return envelope(404, { success: false, data: null, errorCode: 'NOT_FOUND', errorMessage: '记录不存在' });
    });
    vi.stubGlobal('fetch', fetchMock);
    const user = userEvent.setup({ delay: null });
    const router = renderLogin();

    await signInWithPassword(user);

    const qr = await screen.findByRole('img', { name: '身份验证器绑定二维码' });
    expect(qr).toHaveAttribute('src', QR);
    expect(screen.getByText('绑定身份验证器')).toBeInTheDocument();
    expect(screen.getByText(/Google Authenticator、微软 Authenticator 或阿里云 App/)).toBeInTheDocument();
    expect(screen.getByTestId('totp-secret')).toHaveTextContent('JBSW Y3DP EHPK 3PXP');

    // six digits; the last one submits
    const cells = screen.getAllByRole('textbox').filter((el) => el.closest('.ant-otp'));
    expect(cells).toHaveLength(6);
    await user.click(cells[0]);
    await user.keyboard('123456');

    await waitFor(() => expect(router.state.location.pathname).toBe('/dashboard'));
    expect(tokens.access).toBe('a1');
    expect(tokens.refresh).toBe('r1');
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('R-8.1 an enrolled user is only asked for the code, without a QR code', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => envelope(200, { success: true, data: { step: 'totp_verify', challengeToken: 'ch-2' } satisfies AdminLoginChallenge })),
    );
    const user = userEvent.setup({ delay: null });
    renderLogin();
    await signInWithPassword(user);
    expect(await screen.findByText('动态口令验证')).toBeInTheDocument();
    expect(screen.queryByRole('img', { name: '身份验证器绑定二维码' })).toBeNull();
  });

  it('R-8.1 a locked account shows the server message on the form', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => envelope(423, { success: false, data: null, errorCode: 'AUTH.ACCOUNT_LOCKED', errorMessage: '账号已锁定，请 15 分钟后再试' })),
    );
    const user = userEvent.setup({ delay: null });
    renderLogin();
    await signInWithPassword(user);
    expect(await screen.findByRole('alert')).toHaveTextContent('账号已锁定，请 15 分钟后再试');
    expect(screen.getByPlaceholderText('请输入用户名')).toBeInTheDocument();
  });

  it('R-8.1 a user who must change the password goes to the change-password page first', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: RequestInfo | URL) =>
        String(url).endsWith('/login')
          ? envelope(200, { success: true, data: { step: 'totp_verify', challengeToken: 'ch-3' } })
          : envelope(200, { success: true, data: { ...session, profile: { ...session.profile, mustChangePassword: true } } }),
      ),
    );
    const user = userEvent.setup({ delay: null });
    const router = renderLogin();
    await signInWithPassword(user);
    await screen.findByText('动态口令验证');
    const cells = screen.getAllByRole('textbox').filter((el) => el.closest('.ant-otp'));
    await user.click(cells[0]);
    await user.keyboard('654321');
    await waitFor(() => expect(router.state.location.pathname).toBe('/password'));
  });
});
