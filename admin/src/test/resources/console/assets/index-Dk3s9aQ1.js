console.log("test fixture of the console build");
