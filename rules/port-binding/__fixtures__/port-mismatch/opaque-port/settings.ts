export const settings = { port: Number(process.env.HTTP_PORT) };
