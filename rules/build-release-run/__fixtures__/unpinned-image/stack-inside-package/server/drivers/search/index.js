// Near miss: this folder's compose file runs the repository's own image.
module.exports = { name: 'search' };
