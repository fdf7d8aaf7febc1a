export { SIGN_IN_CALLBACK_PATH } from './server.ts';
