/** API shapes of the archive module, shared by bff and the apps. */
export {};
