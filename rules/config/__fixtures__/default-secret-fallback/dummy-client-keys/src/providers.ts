declare class OpenAI {
  constructor(options: { baseURL?: string; apiKey: string });
}

// Local model servers need no key, but an OpenAI-compatible client refuses an empty one.
export const localAi = new OpenAI({ baseURL: process.env.LOCAL_AI_BASE_PATH, apiKey: process.env.LOCAL_AI_API_KEY ?? 'not-used' });
export const ollama = new OpenAI({ baseURL: process.env.OLLAMA_BASE_PATH, apiKey: process.env.OLLAMA_AUTH_TOKEN || 'ollama' });
// A key the SDK needs to construct; the provider refuses it.
const { STRIPE_API_KEY = 'sk_dev_local' } = process.env;
export const stripeKey = STRIPE_API_KEY;
