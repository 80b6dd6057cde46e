// A template to copy, in a repository whose root package is named for its samples.
import express from 'express';

express().listen(3000);
