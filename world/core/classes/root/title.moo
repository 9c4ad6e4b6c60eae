verb "title" this none this rxd
return this.name;
