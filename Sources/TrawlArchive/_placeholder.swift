import Trawl
