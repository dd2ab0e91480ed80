import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { packRules } from '@casl/ability/extra';
import {
  AccountService,
  Auth,
  AuthError,
  PublicRoute,
  RequestAuth,
  SecondFactorService,
  SignedIn,
  SignInService,
} from '@pendamping/auth';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { validationFailed } from '@pendamping/core';
import { ChangePasswordDto, LoginDto, LogoutDto, RefreshDto, TotpCodeDto } from './auth.dtos';
import { PackedAbilities, ProfileView, SessionTokens, TotpEnrolment, TotpVerified } from './auth.responses';
import { SIGN_IN_DEVICE_COOKIE, SIGN_IN_DEVICE_COOKIE_OPTIONS } from './sign-in-device-cookie';
import { cookieTransport, expireRefreshCookie, phoneOf, REFRESH_COOKIE, SessionTransport } from './session-transport';

/** Clears what the app cached or stored in this browser, but not its cookies: the sign-in device cookie stays (SPEC §8). */
const CLEAR_SITE_DATA = '"cache", "storage"';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly signIn: SignInService,
    private readonly secondFactor: SecondFactorService,
    private readonly account: AccountService,
  ) {}

  @ApiOperation({ summary: 'Sign in with email and password (and a second-factor code where the role needs one)' })
  @Post('auth/login')
  @ApiOkResponse({ type: SessionTokens })
  @HttpCode(200)
  @PublicRoute()
  @SessionTransport()
  async login(@Body() body: LoginDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const deviceCookie = request.cookies[SIGN_IN_DEVICE_COOKIE];
    const { tokens, deviceCookie: renewed } = await this.signIn.signIn({
      ...body,
      deviceId: phoneOf(body, request),
      deviceCookie,
      address: request.ip,
      requestId: String(request.id),
    });
    reply.setCookie(SIGN_IN_DEVICE_COOKIE, renewed, SIGN_IN_DEVICE_COOKIE_OPTIONS);
    return tokens;
  }

  /** A browser (`X-Session-Transport: cookie`) presents its token in the cookie, any other client in the body. */
  @ApiOperation({ summary: 'Exchange a refresh token for a new access token and refresh token' })
  @Post('auth/refresh')
  @ApiOkResponse({ type: SessionTokens })
  @HttpCode(200)
  @PublicRoute()
  @SessionTransport()
  refresh(@Body() body: RefreshDto, @Req() request: FastifyRequest) {
    const browser = cookieTransport(request);
    const deviceId = phoneOf(body, request);
    // A phone may lose a refresh answer as a browser may (SPEC §12): the same 30-second grace.
    return this.signIn.refresh(this.presentedRefreshToken(body, request, browser), String(request.id), {
      lostResponseGrace: browser || deviceId !== undefined,
      deviceId,
    });
  }

  private presentedRefreshToken(body: RefreshDto, request: FastifyRequest, browser: boolean): string {
    if (browser && body.refreshToken !== undefined)
      throw validationFailed([
        { field: 'refreshToken', message: 'goes in the cookie with X-Session-Transport: cookie' },
      ]);
    if (!browser && body.refreshToken === undefined)
      throw validationFailed([{ field: 'refreshToken', message: 'is required' }]);
    const token = browser ? request.cookies[REFRESH_COOKIE] : body.refreshToken;
    if (!token) throw new AuthError('unauthenticated', 'There is no session cookie. Sign in again.');
    return token;
  }

  /**
   * Ends the session on the server and expires the refresh cookie. A sign-out also clears what
   * the app stored in the browser; the idle lock (`lock: true`, SPEC §11) does not, so the app's
   * files stay for the lock page.
   */
  @ApiOperation({ summary: 'Sign out: end this session on the server' })
  @Post('auth/logout')
  @ApiNoContentResponse({ description: 'Signed out.' })
  @HttpCode(204)
  @ApiBearerAuth()
  @SignedIn({ duringMfaEnrollment: true })
  @SessionTransport()
  async logout(
    @Auth() auth: RequestAuth,
    @Body() body: LogoutDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.signIn.signOut(
      auth.sessionId,
      { id: auth.actor.userId, role: auth.actor.role, organizationId: auth.actor.organizationId },
      auth.requestId,
    );
    expireRefreshCookie(reply);
    if (!body.lock) reply.header('clear-site-data', CLEAR_SITE_DATA);
  }

  @ApiOperation({ summary: 'Start second-factor (TOTP) enrolment: a new secret and its otpauth URI' })
  @Post('auth/totp/enroll')
  @ApiOkResponse({ type: TotpEnrolment })
  @HttpCode(200)
  @ApiBearerAuth()
  @SignedIn({ duringMfaEnrollment: true })
  enroll(@Auth() auth: RequestAuth) {
    return this.secondFactor.enroll(auth);
  }

  @ApiOperation({ summary: 'Finish second-factor enrolment with a first code: recovery codes, shown once' })
  @Post('auth/totp/verify')
  @ApiOkResponse({ type: TotpVerified })
  @HttpCode(200)
  @ApiBearerAuth()
  @SignedIn({ duringMfaEnrollment: true })
  @SessionTransport()
  verify(@Auth() auth: RequestAuth, @Body() body: TotpCodeDto, @Req() request: FastifyRequest) {
    return this.secondFactor.verify(auth, body.code, phoneOf(body, request));
  }

  /** Open to a limited session: a temporary password is changed before the second factor is enrolled (SPEC §8). */
  @ApiOperation({ summary: 'Change your password (first, when it is temporary)' })
  @Post('auth/password')
  @ApiOkResponse({
    type: SessionTokens,
    description: 'A fresh session: the password ended every session, this one included.',
  })
  @HttpCode(200)
  @ApiBearerAuth()
  @SignedIn({ duringMfaEnrollment: true })
  @SessionTransport()
  changePassword(@Auth() auth: RequestAuth, @Body() body: ChangePasswordDto, @Req() request: FastifyRequest) {
    return this.account.changePassword(auth, body.currentPassword, body.newPassword, phoneOf(body, request));
  }

  @ApiOperation({ summary: 'Your profile' })
  @Get('me')
  @ApiOkResponse({ type: ProfileView })
  @ApiBearerAuth()
  @SignedIn({ duringMfaEnrollment: true })
  me(@Auth() auth: RequestAuth) {
    return this.account.profile(auth);
  }

  /** Closes the notice of a reset of her password or second factor; only once she uses her own password again. */
  @ApiOperation({ summary: 'Acknowledge the notice that your password or second factor was reset' })
  @Post('me/reset-notice/acknowledge')
  @ApiNoContentResponse({ description: 'The notice is closed.' })
  @HttpCode(204)
  @ApiBearerAuth()
  @SignedIn()
  async acknowledgeResetNotice(@Auth() auth: RequestAuth): Promise<void> {
    await this.account.acknowledgeResetNotice(auth);
  }

  /** The caller's rules, packed (CASL packRules), so a client can hide what the user cannot see. */
  @ApiOperation({ summary: 'Your packed rules, for navigation only (records carry their own allowed)' })
  @Get('me/abilities')
  @ApiOkResponse({ type: PackedAbilities })
  @ApiBearerAuth()
  @SignedIn()
  abilities(@Auth() auth: RequestAuth) {
    return { rules: packRules(auth.ability.rules) };
  }
}
