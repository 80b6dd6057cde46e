async function bootstrap() {}
bootstrap();
