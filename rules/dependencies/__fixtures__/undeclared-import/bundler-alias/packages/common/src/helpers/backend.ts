export const backendUrl = () => '/api';
