// A long random password in a test is a warning; a live-token format is an error wherever it is.
const userPassword = 'Qw8#zX3kLm9Pv2Rt7Y';
const leakedToken = 'ghp_R8fK2mQ9vLx4Tz7Wb1Nc6Yh3Pj5Sd0Ga2Ue8';
export { userPassword, leakedToken };
// Short made-up credentials in tests are not reported at all.
export const login = { email: 'a@b.co', password: '123qwe!@#A' };
export const update = { newPassword: 'ABCabc123!', confirmPassword: 'ABCabc123!' };
