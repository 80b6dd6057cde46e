class Database {
  /** The pool rejects a promise nobody can catch while it closes: ignored for the time of the close only. */
  static async close() {
    const listener = () => {
      Database.rejectedWhileClosing = true;
    };
    process.addListener('unhandledRejection', listener);
    await new Promise((resolve) => setTimeout(resolve, 100));
    process.removeListener('unhandledRejection', listener);
  }
}

module.exports = { Database };
