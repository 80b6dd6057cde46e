// A stale copy of the server's entrypoint left in the client package: nothing runs it.
import '../../server/src/app';
