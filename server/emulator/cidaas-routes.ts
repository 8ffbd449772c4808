import { cidaasUrls } from '../../src/contract/cidaas-urls';

/**
 * An Express route pattern, checked against one of the page's own URLs (its path, `:name` placeholders
 * decoded): the emulator does not start if the two disagree. The pattern is written out so that
 * Express types the route's parameters.
 */
function route<Pattern extends string>(pattern: Pattern, pageUrl: string): Pattern {
  const path = decodeURIComponent(new URL(pageUrl, 'http://emulator.invalid').pathname);
  if (path !== pattern)
    throw new Error(`The emulator's route ${pattern} is not the page's ${path}`);
  return pattern;
}

/**
 * The emulator's routes for the cidaas endpoints the page calls, held to the page's own URL builders
 * (`cidaasUrls` in src/contract), so the page and the emulator cannot disagree on a path.
 */
export const CIDAAS_ROUTES = {
  clientInfo: route('/public-srv/public/:requestId', cidaasUrls.clientInfo('', ':requestId')),
  fieldSetup: route('/registration-setup-srv/public/list', cidaasUrls.fieldSetup('', ':requestId')),
  preloginMetadata: route(
    '/token-srv/prelogin/metadata/:lsid',
    cidaasUrls.preloginMetadata('', ':lsid'),
  ),
  changePassword: route(
    '/login-srv/precheck/continue/:lsid',
    cidaasUrls.changePassword('', ':lsid'),
  ),
  resetPassword: route('/password-srv/resetpassword', cidaasUrls.resetPassword('')),
  passwordForgotInit: route(
    '/identity/password_forgot_init',
    cidaasUrls.passwordForgotInit('', ':requestId'),
  ),
  resolveRedirect: route(
    '/authz-srv/authz/resolve_redirect/:requestId',
    cidaasUrls.resolveRedirect('', ':requestId'),
  ),
} as const;
