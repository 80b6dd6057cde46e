// No .env.example, compose, Kubernetes manifest, Dockerfile or Procfile: nothing to compare with.
export const smtpHost = process.env.SMTP_HOST;
export const apiKey = process.env.PAYMENTS_API_KEY;
