// In a test a secret is info, unless a checksum proves the token was issued: then it is an error.
const userPassword = 'Qw8#zX3kLm9Pv2Rt7Y';
// In GitHub's token shape but its checksum fails: never issued, so not a live credential (info in a test).
const shapedToken = 'ghp_R8fK2mQ9vLx4Tz7Wb1Nc6Yh3Pj5Sd0Ga2Ue8';
// Its checksum holds: GitHub could have issued it, so it is an error even in a test. Written in
// pieces so that this repository holds no whole token.
const leakedToken = ['ghp_', 'Ky9Pf34qY6Nb3wWD25RQ4F5ZR3qa7y', '3gm1IL'].join('');
export { userPassword, shapedToken, leakedToken };
// Short made-up credentials in tests are not reported at all.
export const login = { email: 'a@b.co', password: '123qwe!@#A' };
export const update = { newPassword: 'ABCabc123!', confirmPassword: 'ABCabc123!' };
// A live format without a checksum cannot be told from one made up for the test: info here.
export const awsKeyId = 'AKIAZ7QK4M2N8P3R5T6W';
