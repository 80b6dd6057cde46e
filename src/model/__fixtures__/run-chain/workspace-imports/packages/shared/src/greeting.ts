export const formatGreeting = (name: string): string => `hello ${name}`;
