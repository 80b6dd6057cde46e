import multer from 'multer';

export const avatars = multer({ dest: 'uploads/avatars' });

export const documents = multer({
  storage: multer.diskStorage({
    destination: (_req, _file, cb) => cb(null, 'uploads/docs'),
  }),
});
