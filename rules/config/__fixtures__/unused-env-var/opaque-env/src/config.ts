import { cleanEnv, str } from 'envalid';

// The names are keys of the spec: which declared variables are read cannot be listed.
export const env = cleanEnv(process.env, { LOG_LEVEL: str(), OLD_FEATURE_FLAG: str({ default: '' }) });
