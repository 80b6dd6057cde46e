/** @type {import('next').NextConfig} */
module.exports = {
  reactStrictMode: true,
  env: {
    BUILD_SHA: process.env.GIT_SHA ?? 'dev',
    SUPPORT_EMAIL: 'help@example.com',
  },
};
