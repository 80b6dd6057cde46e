// A made-up password in a test is a warning; a live-token format is an error wherever it is.
const userPassword = 'Qw8#zX3kLm9Pv2';
const leakedToken = 'ghp_R8fK2mQ9vLx4Tz7Wb1Nc6Yh3Pj5Sd0Ga2Ue8';
export { userPassword, leakedToken };
