drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  ref int not null,
  primary key (id)
) engine=innodb;

insert into gh_ost_test (ref) values (501), (502), (503);
