verb "controls" this none this rxd
/* Whether this player may change object args[1]: its owner, or a wizard. */
{o} = args;
return valid(o) && (this.wizard || o.owner == this);
