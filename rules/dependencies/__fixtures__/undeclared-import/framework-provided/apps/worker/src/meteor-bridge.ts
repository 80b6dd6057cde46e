// Meteor's own packages come with the meteor tool, not from npm.
import { Meteor } from 'meteor/meteor';

export const isServer = Meteor.isServer;
